using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm sample</c>: free-running samples from the oracle predictor of a distribution.</summary>
internal static class SampleCommand
{
    private static readonly JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CommandConsole console)
    {
        var dist = new Option<string?>("--dist")
        {
            Description = "Distribution spec (the oracle predictor; with --model, the support to check against).",
        };
        var schedule = ScheduleOptions.UnlessDecoding();
        var decoders = new DecoderOptions();
        var positions = CommonOptions.Positions();
        var seed = CommonOptions.Seed();
        var temperature = new Option<double>("--temperature")
        {
            Description = "Token temperature: 1 exact, 0 argmax.",
            DefaultValueFactory = _ => 1.0,
        };
        var final = new Option<double?>("--final-temperature")
        {
            Description =
                "Anneal the temperature linearly from --temperature at step 1 to this at the last step (a decoder's "
                + "cap, L); diffusers' EntropyBoundScheduler goes from 0.8 to 0.4.",
        };
        var count = new Option<int>("--count") { Description = "How many sequences.", DefaultValueFactory = _ => 10 };
        var output = CommonOptions.OptionalOut(
            "Write the samples (JSON lines) here, atomically, instead of to standard output."
        );
        var model = new ModelOptions("Sample with this model instead of the oracle.");
        var command = new Command(
            "sample",
            "Sample sequences with a schedule, a position rule and the oracle (or a trained model); print mean NFE "
                + "and tokens per step."
        )
        {
            dist,
            positions.Option,
            temperature,
            final,
            count,
            seed,
            output,
        };
        foreach (var option in schedule.All.Concat(decoders.All).Concat(model.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = parsed.GetValue(dist) is { } spec ? DistributionSpec.Parse(spec) : null;
            var n = parsed.GetValue(count);
            if (n < 1)
                throw new ArgumentOutOfRangeException(nameof(count), n, "--count must be ≥ 1.");
            using var trained = model.Load(parsed, distribution?.Length);
            IMaskPredictor predictor =
                trained?.Predictor
                ?? (distribution is null ? null : new OraclePredictor(distribution))
                ?? throw new ArgumentException("give --dist, --model, or both.", nameof(dist));
            if (distribution is not null)
                predictor.EnsureMatches(distribution, nameof(model));
            var decoder = decoders.Create(parsed, schedule.Given(parsed));
            schedule.EnsureGiven(parsed, decoder is not null);
            var options = decoder is null
                ? new SamplerOptions(
                    schedule.Create(parsed, predictor.Length, distribution?.Profile),
                    positions.Value(parsed),
                    parsed.GetValue(temperature),
                    model.Batch(parsed),
                    FinalTemperature: parsed.GetValue(final)
                )
                : SamplerOptions.Decoding(
                    decoder,
                    predictor.Length,
                    parsed.GetValue(temperature),
                    model.Batch(parsed),
                    finalTemperature: parsed.GetValue(final)
                );
            var sampled = new UnmaskingSampler(predictor, options).Sample(n, new RandomStreams(parsed.GetValue(seed)));

            // A text model's samples are printed as text, with their tokens.
            var text = trained?.Text;
            var lines = new StringBuilder();
            for (var i = 0; i < n; i++)
                lines.AppendLine(
                    text is null
                        ? JsonSerializer.Serialize(new { tokens = sampled.Sequences[i], nfe = sampled.Nfe[i] })
                        : JsonSerializer.Serialize(
                            new
                            {
                                text = text.Decode(sampled.Sequences[i]),
                                tokens = sampled.Sequences[i],
                                nfe = sampled.Nfe[i],
                            },
                            Unescaped
                        )
                );
            var path = parsed.GetValue(output);
            if (path is null)
                console.Output.Write(lines);
            else
                AtomicFile.WriteAllText(path, lines.ToString());

            var meanNfe = sampled.Nfe.Average();
            var summary = path is null ? console.Error : console.Output;
            summary.WriteLine(
                $"{n} sequences of {distribution?.Spec ?? model.Path(parsed)} with "
                    + (
                        decoder is null
                            ? $"{options.Schedule.Name}, K = {options.Schedule.Steps}, {options.Positions} positions"
                            : $"{decoder.Name}, at most L steps"
                    )
                    + $", T = {options.Temperature}"
                    + (options.FinalTemperature is { } last ? $" → {last}" : "")
            );
            summary.WriteLine(
                $"mean NFE {meanNfe:F3}, tokens per step {predictor.Length / meanNfe:F3}"
                    + (
                        distribution is null
                            ? ""
                            : $", in the support of p: {sampled.Sequences.Count(x => distribution.InSupport(x))}/{n}"
                    )
            );
            return 0;
        });
        return command;
    }
}
