using System.CommandLine;

namespace Dlm.Cli.Commands;

/// <summary>The options several commands share, each created fresh for the command that uses it.</summary>
internal static class CommonOptions
{
    public static Option<string> Dist() => new("--dist")
    {
        Description = "Distribution spec: table:PATH, dirichlet:L=,q=,alpha=[,seed=], product:L=,q=[,seed=], parity:L=,q=, repetition:L=,q=, markov:L=,q=,stay=, rs:q=,n=,k=",
        Required = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    public static Option<string> Schedule() => new("--schedule")
    {
        Description = "fixed, cosine, linear, adaptive-tc, adaptive-dtc, adaptive-both, hedged, optimal, plugin or plugin-hedged (with --profile).",
        Required = true,
    };

    public static Option<int> Steps() => new("--steps", "-K") { Description = "K, the step budget (≥ 1).", Required = true };

    public static Option<string> Positions() => new("--positions")
    {
        Description = "Position rule: random (the theory's), confidence, margin or entropy.",
        DefaultValueFactory = _ => "random",
    };

    public static Option<ulong> Seed() => new("--seed") { Description = "The one seed behind every random draw.", DefaultValueFactory = _ => 0UL };

    public static Option<string?> Profile() => new("--profile")
    {
        Description = "An estimated profile (dlm calibrate) for the plugin and plugin-hedged schedules.",
    };

    /// <summary>The estimated profile of --profile, when one is given.</summary>
    public static Dlm.Theory.EntropyProfile? Estimate(System.CommandLine.ParseResult parsed, Option<string?> option) =>
        parsed.GetValue(option) is { } path ? Dlm.Sampling.Calibration.ProfileEstimate.Load(path).ToProfile() : null;

    public static Option<bool> Deterministic() => new("--deterministic") { Description = "Use the deterministic twin of an i.i.d. schedule." };
}
