using System.CommandLine;
using Dlm.Cli.Options;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;

namespace Dlm.Cli.Commands;

/// <summary>The options several commands share, each declared here once and created fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string> Dist(bool required = true) =>
        new("--dist")
        {
            Description =
                $"Distribution spec, family:key=value,…; families: {string.Join(", ", DistributionSpec.Families)} (see "
                + "the README).",
            Required = required,
        };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    public static ChoiceOption<PositionRule> Positions() =>
        new("--positions", "Which masked positions a step reveals; random is the theory's.", PositionRule.Random);

    public static Option<ulong> Seed() =>
        new("--seed") { Description = "The one seed behind every random draw.", DefaultValueFactory = _ => 0UL };

    /// <summary><c>--device</c>: where a network runs.</summary>
    public static Option<string> Device()
    {
        var device = new Option<string>("--device")
        {
            Description = "auto (CUDA when available), cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        return device;
    }

    /// <summary><c>--out</c>: a required path.</summary>
    public static Option<string> Out(string description) => new("--out") { Description = description, Required = true };

    /// <summary><c>--out</c>: a path with a default.</summary>
    public static Option<string> Out(string description, string fallback) =>
        new("--out") { Description = description, DefaultValueFactory = _ => fallback };

    /// <summary><c>--out</c>: an optional path.</summary>
    public static Option<string?> OptionalOut(string description) => new("--out") { Description = description };
}
