using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm sample</c>: free-running samples from the oracle predictor of a distribution.</summary>
internal static class SampleCommand
{
    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var schedule = ScheduleOptions.Required();
        var positions = CommonOptions.Positions();
        var seed = CommonOptions.Seed();
        var temperature = new Option<double>("--temperature")
        {
            Description = "Token temperature: 1 exact, 0 argmax.",
            DefaultValueFactory = _ => 1.0,
        };
        var count = new Option<int>("--count") { Description = "How many sequences.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch")
        {
            Description = "Sequences per predictor call (the output does not depend on it).",
            DefaultValueFactory = _ => 64,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write the samples (JSON lines) here, atomically, instead of to standard output.",
        };
        var model = new ModelOptions("Sample with a trained predictor (a dlm train directory) instead of the oracle.");
        var command = new Command(
            "sample",
            "Sample sequences with a schedule, a position rule and the oracle (or a trained model); print mean NFE "
                + "and tokens per step."
        )
        {
            dist,
            positions,
            temperature,
            count,
            batch,
            seed,
            output,
        };
        foreach (var option in schedule.All.Concat(model.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var n = parsed.GetValue(count);
            if (n < 1)
                throw new ArgumentOutOfRangeException(nameof(count), n, "--count must be ≥ 1.");
            var chosen = schedule.Create(parsed, distribution.Length, distribution.Profile);
            var options = new SamplerOptions(
                chosen,
                PositionRules.Parse(parsed.GetValue(positions)!),
                parsed.GetValue(temperature),
                parsed.GetValue(batch)
            );
            using var trained = model.Load(parsed);
            IMaskPredictor predictor = trained is null ? new OraclePredictor(distribution) : trained;
            predictor.EnsureMatches(distribution, nameof(model));
            var sampled = new UnmaskingSampler(predictor, options).Sample(n, new RandomStreams(parsed.GetValue(seed)));

            var lines = new StringBuilder();
            for (var i = 0; i < n; i++)
                lines.AppendLine(JsonSerializer.Serialize(new { tokens = sampled.Sequences[i], nfe = sampled.Nfe[i] }));
            var path = parsed.GetValue(output);
            if (path is null)
                console.Output.Write(lines);
            else
                AtomicFile.WriteAllText(path, lines.ToString());

            var meanNfe = sampled.Nfe.Average();
            var valid = sampled.Sequences.Count(x => distribution.InSupport(x));
            var summary = path is null ? console.Error : console.Output;
            summary.WriteLine(
                $"{n} sequences of {distribution.Spec} with {chosen.Name}, K = {chosen.Steps}, {options.Positions} "
                    + $"positions, T = {options.Temperature}"
            );
            summary.WriteLine(
                $"mean NFE {meanNfe:F3}, tokens per step {distribution.Length / meanNfe:F3}, in the support of p: "
                    + $"{valid}/{n}"
            );
            return 0;
        });
        return command;
    }
}
