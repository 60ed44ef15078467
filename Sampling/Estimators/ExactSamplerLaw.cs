using Dlm.Sampling.Decoders;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// The exact output law of the free-running sampler for any predictor, position rule and temperature,
/// by enumerating its reachable states (partial sequence, step) with their probabilities. For tiny
/// problems only (L ≤ 7 and (q+1)^L ≤ 4^7, as <see cref="Theory.MixtureKl.IsFeasible"/>). This is how the heuristic
/// rules, which the theory does not cover, get an
/// exact error.
/// </summary>
public static class ExactSamplerLaw
{
    /// <summary>The output law over [q]^L, indexed like <see cref="Dlm.Theory.JointDistribution"/>.</summary>
    public static double[] Compute(
        IMaskPredictor predictor,
        ISizeSchedule schedule,
        PositionRule rule,
        double temperature = 1.0
    )
    {
        var (l, q) = (predictor.Length, predictor.Alphabet);
        EnsureFeasible(l, q);
        if (schedule.Length != l)
            throw new ArgumentException(
                $"the schedule is for L = {schedule.Length}; the predictor has L = {l}.",
                nameof(schedule)
            );
        var states = new Dictionary<string, (int[] Partial, double Mass)> { [Key(Masked(l, q))] = (Masked(l, q), 1.0) };
        var predictions = new double[l * q];
        for (var k = 1; k <= schedule.Steps; k++)
        {
            var next = new Dictionary<string, (int[] Partial, double Mass)>();
            foreach (var (partial, mass) in states.Values)
            {
                var masked = Enumerable.Range(0, l).Where(j => partial[j] == q).ToList();
                foreach (var atom in schedule.Kernel.Law(k, l - masked.Count))
                {
                    if (atom.Size == 0)
                    {
                        Add(next, partial, mass * atom.Weight);
                        continue;
                    }
                    predictor.Predict(partial, 1, predictions);
                    var blocks =
                        rule == PositionRule.Random
                            ? Subsets(masked, atom.Size).ToList()
                            : [Heuristic(rule, masked, atom.Size, predictions, q)];
                    var blockMass = mass * atom.Weight / blocks.Count;
                    var tempered = Tempered(predictions, masked, q, temperature);
                    foreach (var block in blocks)
                        Fill(next, partial, block, 0, blockMass, tempered);
                }
            }
            states = next;
        }
        var output = new double[(int)Math.Pow(q, l)];
        foreach (var (partial, mass) in states.Values)
        {
            if (partial.Contains(q))
                throw new InvalidOperationException("the schedule leaves positions masked after its last step.");
            output[partial.Aggregate(0, (acc, v) => acc * q + v)] += mass;
        }
        return output;
    }

    /// <summary>
    /// The exact output law of <paramref name="decoder"/> with <paramref name="predictor"/>, and the exact law of its
    /// step count: every reachable partial sequence, with its step count, carried until it is complete. The decoder's
    /// positions are a deterministic function of the laws, so each state has one block. With
    /// <paramref name="finalTemperature"/>, step k draws at the sampler's annealed temperature over a cap of L steps
    /// (<see cref="TokenDraw.Annealed"/>).
    /// </summary>
    public static DecoderLaw Compute(
        IMaskPredictor predictor,
        IAdaptiveSizeRule decoder,
        double temperature = 1.0,
        double? finalTemperature = null
    )
    {
        var (l, q) = (predictor.Length, predictor.Alphabet);
        EnsureFeasible(l, q);
        var output = new double[(int)Math.Pow(q, l)];
        var nfe = new double[l + 1];
        var states = new Dictionary<string, (int[] Partial, double Mass)> { [Key(Masked(l, q))] = (Masked(l, q), 1.0) };
        var predictions = new double[l * q];
        var block = new List<int>();
        // Every step reveals at least one position, so step k finishes every state with k positions revealed.
        for (var step = 1; states.Count > 0; step++)
        {
            var next = new Dictionary<string, (int[] Partial, double Mass)>();
            foreach (var (partial, mass) in states.Values)
            {
                var masked = Enumerable.Range(0, l).Where(j => partial[j] == q).ToList();
                predictor.Predict(partial, 1, predictions);
                DecoderBlock.Choose(decoder, masked, predictions, q, block);
                var tempered = Tempered(
                    predictions,
                    masked,
                    q,
                    TokenDraw.Annealed(temperature, finalTemperature, step, l)
                );
                Fill(next, partial, [.. block], 0, mass, tempered);
            }
            states = [];
            foreach (var (key, (partial, mass)) in next)
            {
                if (!partial.Contains(q))
                {
                    output[partial.Aggregate(0, (acc, v) => acc * q + v)] += mass;
                    nfe[step] += mass;
                }
                else
                    states[key] = (partial, mass);
            }
        }
        return new DecoderLaw(output, new NfeLaw(nfe));
    }

    private static void EnsureFeasible(int l, int q)
    {
        if (!Theory.MixtureKl.IsFeasible(l, q))
            throw new ArgumentException(
                $"L = {l}, q = {q}; exact enumeration of the sampler is limited to L ≤ 7 and (q+1)^L ≤ 16384.",
                "predictor"
            );
    }

    /// <summary>The tempered law of every masked position (the others null).</summary>
    private static double[][] Tempered(double[] predictions, List<int> masked, int q, double temperature)
    {
        var tempered = new double[predictions.Length / q][];
        foreach (var j in masked)
        {
            tempered[j] = new double[q];
            TokenDraw.Tempered(predictions.AsSpan(j * q, q), temperature, tempered[j]);
        }
        return tempered;
    }

    private static void Fill(
        Dictionary<string, (int[], double)> next,
        int[] partial,
        int[] block,
        int index,
        double mass,
        double[][] tempered
    )
    {
        if (mass == 0)
            return;
        if (index == block.Length)
        {
            Add(next, partial, mass);
            return;
        }
        var position = block[index];
        for (var a = 0; a < tempered[position].Length; a++)
        {
            var child = (int[])partial.Clone();
            child[position] = a;
            Fill(next, child, block, index + 1, mass * tempered[position][a], tempered);
        }
    }

    private static int[] Heuristic(PositionRule rule, List<int> masked, int count, double[] predictions, int q)
    {
        var chosen = new List<int>();
        PositionRules.Choose(rule, [.. masked], count, predictions, q, new Random(0), chosen);
        return [.. chosen];
    }

    private static IEnumerable<int[]> Subsets(List<int> items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }
        for (var first = 0; first <= items.Count - size; first++)
            foreach (var rest in Subsets(items.GetRange(first + 1, items.Count - first - 1), size - 1))
                yield return [items[first], .. rest];
    }

    private static void Add(Dictionary<string, (int[] Partial, double Mass)> states, int[] partial, double mass)
    {
        var key = Key(partial);
        states[key] = states.TryGetValue(key, out var existing) ? (partial, existing.Mass + mass) : (partial, mass);
    }

    private static string Key(int[] partial) => string.Join(',', partial);

    private static int[] Masked(int l, int q) => Enumerable.Repeat(q, l).ToArray();
}
