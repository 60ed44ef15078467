using Dlm.Datasets.ReedSolomon;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Experiments.Reproduce;

/// <summary>The closed forms against the generic dense harness on a code small enough to tabulate.</summary>
public static class DenseCrossCheck
{
    /// <summary>The largest gaps found.</summary>
    /// <param name="Spec">The code family checked, e.g. <c>rs:q=17,n=5</c>.</param>
    /// <param name="Dimensions">How many dimensions k were checked (1..n − 1).</param>
    /// <param name="MaxProfileGap">The largest gap in f(m), TC and DTC, nats.</param>
    /// <param name="MaxErrorGap">The largest gap in E KL over every schedule and K, nats.</param>
    public sealed record Result(string Spec, int Dimensions, double MaxProfileGap, double MaxErrorGap);

    /// <summary>GF(q) with block length n: every k &lt; n, every schedule, K = 2..n.</summary>
    public static Result Run(int order, int length)
    {
        double profileGap = 0,
            errorGap = 0;
        for (var k = 1; k < length; k++)
        {
            var code = new ReedSolomonDistribution(new ReedSolomonCode(GaloisField.Create(order), length, k));
            var dense = EntropyProfile.Of(
                code.Joint ?? throw new InvalidOperationException("the cross-check code is too large to tabulate.")
            );
            var closed = code.Profile;
            profileGap = Math.Max(profileGap, dense.Values.Zip(closed.Values, (a, b) => Math.Abs(a - b)).Max());
            profileGap = Math.Max(
                profileGap,
                Math.Max(Math.Abs(dense.Tc - closed.Tc), Math.Abs(dense.Dtc - closed.Dtc))
            );
            for (var steps = 2; steps <= length; steps++)
                foreach (var schedule in ScheduleCatalog.All(length, steps, dense))
                {
                    var generic = schedule.Error(dense).ExpectedKl;
                    errorGap = Math.Max(
                        errorGap,
                        Math.Abs(generic - MdsCode.ExpectedKl(length, k, order, schedule.Kernel))
                    );
                }
        }
        return new Result($"rs:q={order},n={length}", length - 1, profileGap, errorGap);
    }
}
