using Dlm.Datasets;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Sampler;

/// <summary>How the sampler chooses sizes, positions and tokens.</summary>
/// <param name="Schedule">How many positions each step reveals.</param>
/// <param name="Positions">Which masked positions a step reveals.</param>
/// <param name="Temperature">Token temperature: 1 is exact, 0 is argmax.</param>
/// <param name="BatchSize">Sequences per predictor call; the output does not depend on it.</param>
/// <param name="Trace">Whether to record the step at which each position was revealed.</param>
public sealed record SamplerOptions(
    ISizeSchedule Schedule,
    PositionRule Positions = PositionRule.Random,
    double Temperature = 1.0,
    int BatchSize = 64,
    bool Trace = false
);

/// <summary>
/// Sampled sequences with their NFE (predictor calls) and, if asked, the reveal step of every position.
/// </summary>
public sealed record SampledSequences(int[][] Sequences, int[] Nfe, int[][]? RevealSteps);

/// <summary>
/// The unmasking loop: start fully masked; at step k = 1..K draw the size s_k, call the predictor once on
/// the sequences with s_k &gt; 0, choose s_k masked positions by the rule, and draw their tokens
/// independently from the (tempered) predicted marginals. Committed tokens never change, and empty steps
/// make no predictor call. Sequence i draws from its own streams (seed split by i): "sizes",
/// "positions" and "tokens", so the output does not depend on the batch size.
/// </summary>
public sealed class UnmaskingSampler
{
    private readonly IMaskPredictor _predictor;
    private readonly SamplerOptions _options;

    /// <summary>A sampler for <paramref name="predictor"/> with <paramref name="options"/>.</summary>
    public UnmaskingSampler(IMaskPredictor predictor, SamplerOptions options)
    {
        if (options.Schedule.Length != predictor.Length)
            throw new ArgumentException(
                $"the schedule is for L = {options.Schedule.Length}; the predictor has L = {predictor.Length}.",
                nameof(options)
            );
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be ≥ 1.");
        TokenDraw.Tempered([1.0], options.Temperature, new double[1]);
        _predictor = predictor;
        _options = options;
    }

    /// <summary>Draws <paramref name="count"/> sequences.</summary>
    public SampledSequences Sample(int count, RandomStreams seed)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be ≥ 0.");
        var l = _predictor.Length;
        var sequences = new int[count][];
        var nfe = new int[count];
        var steps = _options.Trace ? new int[count][] : null;
        for (var start = 0; start < count; start += _options.BatchSize)
            SampleChunk(start, Math.Min(_options.BatchSize, count - start), seed, sequences, nfe, steps);
        return new SampledSequences(sequences, nfe, steps);
    }

    private void SampleChunk(int start, int n, RandomStreams seed, int[][] sequences, int[] nfe, int[][]? steps)
    {
        var (l, q) = (_predictor.Length, _predictor.Alphabet);
        var schedule = _options.Schedule;
        var streams = Enumerable.Range(start, n).Select(i => seed.Split((ulong)i)).ToArray();
        var sizesRng = streams.Select(s => s.Stream("sizes")).ToArray();
        var positionsRng = streams.Select(s => s.Stream("positions")).ToArray();
        var tokensRng = streams.Select(s => s.Stream("tokens")).ToArray();
        var tokens = new int[n * l];
        Array.Fill(tokens, q);
        var revealed = new int[n];
        var sizes = new int[n];
        var active = new List<int>(n);
        var gathered = new int[n * l];
        var predictions = new double[n * l * q];
        var masked = new List<int>(l);
        var chosen = new List<int>(l);
        var law = new double[q];
        for (var i = 0; i < n; i++)
        {
            sequences[start + i] = new int[l];
            if (steps is not null)
                steps[start + i] = new int[l];
        }

        for (var k = 1; k <= schedule.Steps; k++)
        {
            active.Clear();
            for (var i = 0; i < n; i++)
            {
                sizes[i] = schedule.Next(k, revealed[i], sizesRng[i]);
                if (sizes[i] > 0)
                    active.Add(i);
            }
            if (active.Count == 0)
                continue;
            for (var a = 0; a < active.Count; a++)
                tokens.AsSpan(active[a] * l, l).CopyTo(gathered.AsSpan(a * l, l));
            _predictor.Predict(
                gathered.AsSpan(0, active.Count * l),
                active.Count,
                predictions.AsSpan(0, active.Count * l * q)
            );
            for (var a = 0; a < active.Count; a++)
            {
                var i = active[a];
                nfe[start + i]++;
                var row = tokens.AsSpan(i * l, l);
                var predicted = predictions.AsSpan(a * l * q, l * q);
                masked.Clear();
                for (var j = 0; j < l; j++)
                    if (row[j] == q)
                        masked.Add(j);
                PositionRules.Choose(_options.Positions, masked, sizes[i], predicted, q, positionsRng[i], chosen);
                foreach (var j in chosen)
                {
                    TokenDraw.Tempered(predicted.Slice(j * q, q), _options.Temperature, law);
                    row[j] = TokenDraw.Draw(law, tokensRng[i]);
                    if (steps is not null)
                        steps[start + i][j] = k;
                }
                revealed[i] += sizes[i];
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (revealed[i] != l)
                throw new InvalidOperationException($"the schedule revealed {revealed[i]} of L = {l} positions.");
            tokens.AsSpan(i * l, l).CopyTo(sequences[start + i]);
        }
    }
}
