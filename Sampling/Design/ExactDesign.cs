using System.Diagnostics;
using Dlm.Datasets;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>
/// The best agnostic schedule, exactly: the law over compositions of L into at most K parts that minimises the
/// certified constant V = max_k K·E c(s, k)/X_k on one measure X (X_k = min(k, L − k), L − k, k or L for min, TC, DTC
/// or TC + DTC), with a certificate that no agnostic schedule does better. E KL is linear in the law, so V is the value
/// of a zero-sum game between the schedule and the atoms; column generation solves it. The master
/// (<see cref="MinimaxMaster"/>) is a unit flow through the layered graph of partial compositions, one arc per block
/// (j, m → m + s) found so far, so it mixes every path its arcs form. Its atom prices y price what to add: the best
/// response to y is the composition that minimises Σ_k w_k c(s, k), w_k = y_k·K/X_k, which
/// <see cref="BestComposition"/> finds exactly. Every y in the simplex certifies LB(y) = min_s Σ_k y_k·K·c(s, k)/X_k
/// ≤ V: no law can put a smaller mean on every atom. The loop stops when the mixture's V, recomputed from its
/// compositions, and the best LB meet within 1e-9 (relative).
/// </summary>
/// <param name="Length">L.</param>
/// <param name="Steps">K.</param>
/// <param name="Objective">The measure X.</param>
/// <param name="Compositions">The mixture: the compositions with positive weight, weights summing to 1.</param>
/// <param name="Worst">y_1..y_{L−1}: the atoms' mixed strategy, the hardest profile Σ_k y_k a_k for agnostic
/// schedules.</param>
/// <param name="Iterations">Rounds of column generation.</param>
/// <param name="Seconds">The wall time of the solve.</param>
public sealed record ExactDesign(
    int Length,
    int Steps,
    Measure Objective,
    IReadOnlyList<WeightedComposition> Compositions,
    double[] Worst,
    int Iterations,
    double Seconds
)
{
    /// <summary>The relative gap at which the solve stops: V − LB ≤ 1e-9·V.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>V, recomputed exactly from the mixture's atom errors: max_k K·Σ_j w_j c(s_j, k)/X_k.</summary>
    public double Value => ValueOf(Length, Steps, Objective, Compositions);

    /// <summary>LB, recomputed by one exact best response to <see cref="Worst"/>.</summary>
    public double Lower => LowerOf(Length, Steps, Objective, Worst);

    /// <summary>(V − LB)/V, or V − LB where V = 0.</summary>
    public double Gap => GapOf(Value, Lower);

    /// <summary>(V − LB)/V, or V − LB where V = 0.</summary>
    public static double GapOf(double value, double lower) => value > 0 ? (value - lower) / value : value - lower;

    /// <summary>The design as a schedule, under its certified bound B9 = V·X/K.</summary>
    public CompositionMixture Schedule(string name) =>
        new(name, Compositions, Steps, p => new(BoundKind.B9, Value * Measures.Of(Objective, p.Tc, p.Dtc) / Steps));

    /// <summary>
    /// Solves the game at L = <paramref name="length"/>, K = <paramref name="steps"/> on the measure.
    /// </summary>
    public static ExactDesign Solve(
        int length,
        int steps,
        Measure objective,
        Action<int, double, double>? progress = null
    )
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "K (steps) must be ≥ 1.");
        var clock = Stopwatch.StartNew();
        if (length == 1 || steps >= length)
            return Trivial(length, steps, objective, clock);
        var scale = Scale(length, steps, objective);
        var rows = new Dictionary<(int Step, int From, int To), double[]>();
        var active = new List<(int Step, int From, int To)>();
        var activeSet = new HashSet<(int, int, int)>();
        bool OfferArc((int Step, int From, int To) arc)
        {
            if (!activeSet.Add(arc))
                return false;
            if (!rows.ContainsKey(arc))
                rows[arc] = BlockRow(arc.From, arc.To, length, scale);
            active.Add(arc);
            return true;
        }
        bool Offer(int[] sizes)
        {
            var added = false;
            var from = 0;
            for (var j = 1; j <= sizes.Length; j++)
            {
                added |= OfferArc((j, from, from + sizes[j - 1]));
                from += sizes[j - 1];
            }
            return added;
        }
        foreach (var sizes in SeedCompositions(length, steps))
            Offer(sizes);
        var bestLower = 0.0;
        var bestPrices = new double[length - 1];
        // A long game starts from the solution of one of half the length: its compositions stretched to L are the
        // first columns, and its prices, stretched, the first certificate and the first centre of stabilisation.
        if (length > 2 * CoarsestLength && (length + 1) / 2 > steps)
        {
            var coarse = Solve((length + 1) / 2, steps, objective);
            foreach (var composition in coarse.Compositions)
                Offer(Stretch(composition.Sizes, length));
            bestPrices = Normalised(Stretch(coarse.Worst, length - 1));
            bestLower = LowerOf(length, steps, objective, bestPrices);
            var shakes = new RandomStreams(0).Stream("prices");
            for (var r = 0; r < 4 * Shaken; r++)
                Offer(BestComposition.Solve(Weights(Shake(bestPrices, shakes), scale), steps).Sizes);
        }
        List<WeightedComposition> mixture;
        var iterations = 0;
        while (true)
        {
            iterations++;
            MasterSolution solution;
            using (var master = new MinimaxMaster(Enumerable.Repeat(true, length - 1).ToArray()))
            {
                foreach (var arc in active)
                    master.AddArc(rows[arc], arc.Step, arc.From, arc.To, length);
                solution = master.Solve();
            }
            mixture = Decompose(active, solution.Columns, length);
            var prices = Normalised(solution.Prices);
            var response = BestComposition.Solve(Weights(prices, scale), steps);
            if (response.Cost > bestLower)
                (bestLower, bestPrices) = (response.Cost, prices);
            var value = ValueOf(length, steps, objective, mixture);
            progress?.Invoke(iterations, value, bestLower);
            if (value - bestLower <= Tolerance * value)
                break;
            // Arcs that carry no flow and cost much more than they save are dropped; pricing offers them again if
            // they are ever needed, and the certificate is over every composition whatever the master holds.
            active = active
                .Where(
                    (_, i) =>
                        solution.Columns[i] > NegligibleFlow || solution.ReducedCosts[i] <= PruneAbove(value, bestLower)
                )
                .ToList();
            activeSet = active.ToHashSet();
            // Several best responses a round, whose blocks the master recombines: to the master's prices; to prices
            // halfway to the best certificate so far (Wentges' stabilisation, which damps the prices' oscillation);
            // and to prices shaken by factors in [e^−¼, e^¼], which find the compositions near the best one. The
            // shakes come from a fixed stream, so a solve is deterministic.
            var added = false;
            added |= Offer(response.Sizes);
            var stabilised = prices.Zip(bestPrices, (y, b) => 0.5 * y + 0.5 * b).ToArray();
            added |= Offer(BestComposition.Solve(Weights(stabilised, scale), steps).Sizes);
            var shakes = new RandomStreams((ulong)iterations).Stream("prices");
            for (var r = 0; r < Shaken; r++)
                added |= Offer(BestComposition.Solve(Weights(Shake(prices, shakes), scale), steps).Sizes);
            if (!added)
                throw new InvalidOperationException(
                    $"column generation stalled at L = {length}, K = {steps}: V = {value:R}, LB = {bestLower:R}."
                );
        }
        return new ExactDesign(length, steps, objective, mixture, bestPrices, iterations, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Prices each scaled by a factor e^u, u uniform in [−¼, ¼].</summary>
    private static double[] Shake(double[] prices, Random shakes) =>
        prices.Select(y => y * Math.Exp(0.5 * (shakes.NextDouble() - 0.5))).ToArray();

    /// <summary>Below twice this L a game is solved without a coarser one first.</summary>
    private const int CoarsestLength = 32;

    /// <summary>A composition of a shorter L, its cuts scaled to <paramref name="length"/> (parts stay ≥ 1).</summary>
    private static int[] Stretch(int[] sizes, int length)
    {
        var from = sizes.Sum();
        var cuts = new List<int>();
        var end = 0;
        for (var j = 0; j + 1 < sizes.Length; j++)
        {
            end += sizes[j];
            var cut = (int)Math.Round((double)end * length / from);
            if (cut > (cuts.Count == 0 ? 0 : cuts[^1]) && cut < length)
                cuts.Add(cut);
        }
        cuts.Add(length);
        return cuts.Select((c, i) => c - (i == 0 ? 0 : cuts[i - 1])).ToArray();
    }

    /// <summary>Prices of a shorter game, each atom taking the price of the atom at the same fraction of L.</summary>
    private static double[] Stretch(double[] prices, int count) =>
        Enumerable
            .Range(0, count)
            .Select(k => prices[Math.Min(prices.Length - 1, (int)((double)k * prices.Length / count))])
            .ToArray();

    /// <summary>
    /// The reduced cost above which an idle arc leaves the master: 0.2% of V, and a fifth of the gap V − LB once the
    /// gap
    /// is smaller, so that a master near the end holds only the arcs that can still matter.
    /// </summary>
    private static double PruneAbove(double value, double lower) => Math.Min(0.002 * value, 0.2 * (value - lower));

    /// <summary>Best responses a round to prices shaken at random around the master's.</summary>
    private const int Shaken = 16;

    /// <summary>The atom rows of the block (m, b]: K·(b − k)/X_k for m &lt; k ≤ b, k &lt; L.</summary>
    private static double[] BlockRow(int from, int to, int length, double[] scale)
    {
        var row = new double[length - 1];
        for (var k = from + 1; k <= Math.Min(to, length - 1); k++)
            row[k - 1] = (to - k) * scale[k - 1];
        return row;
    }

    /// <summary>
    /// The unit flow as a law over compositions: walk from (0, 0) along the arc of most remaining flow to some (j, L),
    /// take the path with its bottleneck, and repeat while flow leaves the source; weights renormalised.
    /// </summary>
    private static List<WeightedComposition> Decompose(
        List<(int Step, int From, int To)> arcs,
        double[] flow,
        int length
    )
    {
        var remaining = (double[])flow.Clone();
        var outgoing = arcs.Select((a, i) => (a, i))
            .GroupBy(x => (x.a.Step - 1, x.a.From))
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        var paths = new List<WeightedComposition>();
        while (true)
        {
            var path = new List<int>();
            var node = (Step: 0, Revealed: 0);
            while (node.Revealed < length && outgoing.TryGetValue(node, out var next))
            {
                var best = next.MaxBy(i => remaining[i]);
                if (!(remaining[best] > NegligibleFlow))
                    break;
                path.Add(best);
                node = (arcs[best].Step, arcs[best].To);
            }
            if (path.Count == 0 || node.Revealed < length)
                break;
            var bottleneck = path.Min(i => remaining[i]);
            foreach (var i in path)
                remaining[i] -= bottleneck;
            paths.Add(new WeightedComposition([.. path.Select(i => arcs[i].To - arcs[i].From)], bottleneck));
        }
        var total = paths.Sum(p => p.Weight);
        return paths.Select(p => p with { Weight = p.Weight / total }).ToList();
    }

    /// <summary>Flow below this is solver noise, not a path.</summary>
    private const double NegligibleFlow = 1e-12;

    /// <summary>
    /// V = max_k K·E c(s, k)/X_k of a law over compositions, from its weighted atom errors: the design's certified
    /// constant on its measure.
    /// </summary>
    public static double ValueOf(
        int length,
        int steps,
        Measure objective,
        IReadOnlyList<WeightedComposition> compositions
    )
    {
        if (length == 1)
            return 0;
        var errors = new double[length - 1];
        foreach (var (sizes, weight) in compositions)
        {
            var costs = BestComposition.Costs(sizes);
            for (var k = 0; k < errors.Length; k++)
                errors[k] += weight * costs[k];
        }
        return WorstCase.Certify(steps, errors)[objective].Constant;
    }

    /// <summary>
    /// LB = min over compositions s of Σ_k y_k·K·c(s, k)/X_k, by one exact best response (y normalised).
    /// </summary>
    public static double LowerOf(int length, int steps, Measure objective, IReadOnlyList<double> worst)
    {
        if (length == 1)
            return 0;
        if (worst.Count != length - 1 || worst.Any(y => !(y >= 0)) || worst.Sum() <= 0)
            throw new ArgumentException(
                $"the certificate needs L − 1 = {length - 1} prices ≥ 0 with a positive sum.",
                nameof(worst)
            );
        return BestComposition.Solve(Weights(Normalised(worst), Scale(length, steps, objective)), steps).Cost;
    }

    /// <summary>The scale K/X_k of each atom's row.</summary>
    private static double[] Scale(int length, int steps, Measure objective) =>
        Enumerable.Range(1, length - 1).Select(k => steps / Measures.OfAtom(objective, length, k)).ToArray();

    private static double[] Scaled(double[] costs, double[] scale) => costs.Zip(scale, (c, s) => c * s).ToArray();

    private static double[] Weights(double[] prices, double[] scale) => prices.Zip(scale, (y, s) => y * s).ToArray();

    private static double[] Normalised(IReadOnlyList<double> prices)
    {
        var total = prices.Sum();
        return prices.Select(y => Math.Max(0, y) / total).ToArray();
    }

    /// <summary>
    /// The first columns: the compositions of the pool's laws (equal and cosine sizes, the deterministic twins of every
    /// geometric grid, every offset of the offset blocks), so that the first prices are already informed.
    /// </summary>
    private static IEnumerable<int[]> SeedCompositions(int length, int steps)
    {
        foreach (var member in SizeLawPool.For(length, steps))
        {
            switch (member.Schedule)
            {
                case DeterministicSchedule fixedSizes:
                    yield return fixedSizes.Sizes.Where(s => s > 0).ToArray();
                    break;
                case IidRevealSchedule iid:
                    yield return RevealGrids.TwinSizes(length, iid.Grid.ToArray()).Where(s => s > 0).ToArray();
                    break;
                case CompositionMixture mixture:
                    foreach (var composition in mixture.Members)
                        yield return composition.Sizes;
                    break;
            }
        }
    }

    /// <summary>K ≥ L: one token a step is exact on every atom, so V = LB = 0 (and L = 1 has no atom).</summary>
    private static ExactDesign Trivial(int length, int steps, Measure objective, Stopwatch clock) =>
        new(
            length,
            steps,
            objective,
            [new WeightedComposition(Enumerable.Repeat(1, length).ToArray(), 1)],
            Enumerable.Repeat(1.0 / Math.Max(1, length - 1), length - 1).ToArray(),
            0,
            clock.Elapsed.TotalSeconds
        );
}
