using System.CommandLine;
using Dlm.Datasets;
using Dlm.Experiments.Diagnostics;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm error</c>: the exact expected KL of a schedule, its bound, and the exact mixture KL where feasible.
/// </summary>
internal static class ErrorCommand
{
    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var schedule = ScheduleOptions.UnlessDecoding();
        var decoders = new DecoderOptions();
        var json = CommonOptions.Json();
        var positions = CommonOptions.Positions();
        var seed = CommonOptions.Seed();
        var mc = new Option<int>("--mc")
        {
            Description =
                "Also estimate E KL by teacher forcing with this many draws (95% interval); with --decoder, sample "
                + "this many sequences (mean NFE and the share in the support).",
        };
        var command = new Command(
            "error",
            "Print the exact expected KL of a schedule with the oracle predictor, next to its proven bound; or a "
                + "decoder's exact KL and law of the NFE."
        )
        {
            dist,
            positions.Option,
            mc,
            seed,
            json,
        };
        foreach (var option in schedule.All.Concat(decoders.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var decoder = decoders.Create(parsed, schedule.Given(parsed));
            schedule.EnsureGiven(parsed, decoder is not null);
            var draws = parsed.GetValue(mc);
            var streams = new RandomStreams(parsed.GetValue(seed));
            if (decoder is not null)
                Report(
                    DecoderDiagnosis.Of(distribution, decoder, draws, streams),
                    r => Print(console.Human, distribution.Spec, r)
                );
            else
                Report(
                    ScheduleDiagnosis.Of(
                        distribution,
                        schedule.Create(parsed, distribution.Length, distribution.Profile),
                        schedule.Steps(parsed, distribution.Length),
                        positions.Value(parsed),
                        draws,
                        streams
                    ),
                    r => Print(console.Human, distribution.Spec, r)
                );
            return 0;

            void Report<T>(T report, Action<T> print)
            {
                if (parsed.GetValue(json))
                    console.Json(report);
                else
                    print(report);
            }
        });
        return command;
    }

    private static void Print(IAnsiConsole console, string spec, DecoderDiagnosis r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  decoder {Markup.Escape(r.Decoder)}, oracle, T = 1");
        var table = new Table().AddColumns("quantity", "value");
        if (r.Exact is { } exact)
        {
            var nfe = exact.Nfe;
            table.AddText("KL(p ‖ q)  (exact, nats)", $"{exact.Kl:F6}");
            table.AddText("E[NFE]  (exact)", $"{nfe.Mean:F3}");
            table.AddText(
                "NFE quantiles 10%, 50%, 90%, max",
                $"{nfe.Quantile(0.1)}, {nfe.Quantile(0.5)}, {nfe.Quantile(0.9)}, {nfe.Quantile(1)}"
            );
        }
        else
            table.AddText("KL(p ‖ q), NFE law", "not feasible (a Reed–Solomon code, or L ≤ 7 and (q+1)^L ≤ 4^7)");
        if (r.ExactInSupport is { } share)
            table.AddText("P(sample ∈ supp p)  (exact)", $"{share:F6}");
        if (r.NfeSampled is { } sampled)
            table.AddText(
                $"E[NFE], sampled ({sampled.Draws} sequences)",
                $"{sampled.Mean:F3}  [{sampled.Lower:F3}, {sampled.Upper:F3}] 95%"
            );
        if (r.InSupportSampled is { } rate)
            table.AddText("P(sample ∈ supp p), sampled", $"{rate.Rate:F4}  [{rate.Lower:F4}, {rate.Upper:F4}] 95%");
        console.Write(table);
    }

    private static void Print(IAnsiConsole console, string spec, ScheduleDiagnosis r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  schedule {r.Schedule}, K = {r.Steps}");
        var table = new Table().AddColumns("quantity", "nats");
        table.AddText("E_π KL(p ‖ q_π)  (exact)", $"{r.ExpectedKl:F6}");
        table.AddText($"bound {r.BoundName}", $"{r.Bound:F6}");
        if (r.Mc is { } mc)
            table.AddText(
                $"E_π KL, teacher-forced ({mc.Draws} draws, random positions)",
                $"{mc.Mean:F6}  [{mc.Lower:F6}, {mc.Upper:F6}] 95%"
            );
        table.AddText(
            $"KL(p ‖ E_π q_π)  (mixture, exact, {r.Positions} positions)",
            r.MixtureKl is { } m ? $"{m:F6}" : "not feasible (L ≤ 7, (q+1)^L ≤ 4^7)"
        );
        table.AddText("TC", $"{r.Tc:F6}");
        table.AddText("DTC", $"{r.Dtc:F6}");
        table.AddText("E[NFE]", $"{r.NfeMean:F3}");
        console.Write(table);
    }
}
