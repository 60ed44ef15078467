using System.CommandLine;
using Dlm.Datasets;

namespace Dlm.Cli.Commands;

/// <summary>The options several commands share, each created fresh for the command that uses it.</summary>
internal static class CommonOptions
{
    public static Option<string> Dist() =>
        new("--dist")
        {
            Description =
                $"Distribution spec, family:key=value,…; families: {string.Join(", ", DistributionSpec.Families)} (see "
                + "the README).",
            Required = true,
        };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    public static Option<string> Positions() =>
        new("--positions")
        {
            Description = "Position rule: random (the theory's), confidence, margin or entropy.",
            DefaultValueFactory = _ => "random",
        };

    public static Option<ulong> Seed() =>
        new("--seed") { Description = "The one seed behind every random draw.", DefaultValueFactory = _ => 0UL };
}
