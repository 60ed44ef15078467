using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// The NLL of the law a sampler outputs, −ln p̄(x), with p̄(x) = E_path p̂_path(x): a path (a uniform order and sizes
/// from the schedule) outputs x with probability p̂_path(x) = Π_k Π_{i∈B_k} p̂(x_i | x_{S_{k−1}}), and the sampler
/// draws its path without looking at x. Over N paths, −ln((1/N) Σ_n p̂_{path_n}(x)) is an upper bound on −ln p̄(x) in
/// expectation (Jensen), and falls towards it as N grows. At N = 1 it is <see cref="TeacherForcedNll"/>'s NLL, whose
/// expectation is the chain-rule bound E_path[−ln p̂_path(x)] that the schedules are scored by. With a consistent
/// predictor at K = L every order gives the same p̂(x), and the two coincide; otherwise the gap says how much the
/// predictor's conditionals disagree across orders. Path n of every sequence draws from <c>seed.Split(n)</c>, as
/// <see cref="TeacherForcedNll"/> draws from its seed.
/// </summary>
public static class SamplerLawNll
{
    /// <summary>
    /// −ln((1/N) Σ_{n&lt;N} exp(−NLL_n(x))) in nats for every sequence, NLL_n the teacher-forced NLL of
    /// <see cref="TeacherForcedNll"/> with <c>seed.Split(n)</c>; positions holding <paramref name="padId"/> are never
    /// scored. <paramref name="paths"/> is N ≥ 1.
    /// </summary>
    public static double[] PerSequence(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        ISizeSchedule schedule,
        int paths,
        RandomStreams seed,
        int? padId = null
    )
    {
        if (paths < 1)
            throw new ArgumentOutOfRangeException(nameof(paths), paths, "paths must be ≥ 1.");
        var draws = Enumerable
            .Range(0, paths)
            .Select(n => TeacherForcedNll.PerSequence(predictor, sequences, schedule, seed.Split((ulong)n), padId))
            .ToArray();
        return
        [
            .. Enumerable
                .Range(0, sequences.Count)
                .Select(b => Math.Log(paths) - Information.LogSumExp([.. draws.Select(nll => -nll[b])])),
        ];
    }
}
