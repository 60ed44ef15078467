using System.Runtime.InteropServices;
using Dlm.Datasets;
using Dlm.Sampling.Decoders;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Sampler;

/// <summary>How the sampler chooses sizes, positions and tokens.</summary>
/// <param name="Schedule">How many positions each step reveals.</param>
/// <param name="Positions">Which masked positions a step reveals.</param>
/// <param name="Temperature">Token temperature: 1 is exact, 0 is argmax.</param>
/// <param name="BatchSize">Sequences per predictor call; the output does not depend on it.</param>
/// <param name="Trace">Whether to record the step at which each position was revealed.</param>
/// <param name="Threads">Batches sampled at once when the predictor is thread-safe (default: every core); the output
/// does not depend on it.</param>
/// <param name="Decoder">A decoder that chooses each step's size from that step's laws, in its own position order;
/// <paramref name="Schedule"/> then only caps the steps (<see cref="Decoding"/> caps them at L, which always
/// suffices) and <paramref name="Positions"/> is not used.</param>
/// <param name="FinalTemperature">If set, the temperature anneals linearly from <paramref name="Temperature"/> at
/// step 1 to this at the last step K of <paramref name="Schedule"/> (a decoder's cap, L), as diffusers'
/// <c>EntropyBoundScheduler</c> does from 0.8 to 0.4. Only the token draws are tempered; a decoder ranks and sizes on
/// the predicted laws.</param>
public sealed record SamplerOptions(
    ISizeSchedule Schedule,
    PositionRule Positions = PositionRule.Random,
    double Temperature = 1.0,
    int BatchSize = 64,
    bool Trace = false,
    int? Threads = null,
    IAdaptiveSizeRule? Decoder = null,
    double? FinalTemperature = null
)
{
    /// <summary>Options that run <paramref name="decoder"/> on sequences of length L, at most L steps.</summary>
    public static SamplerOptions Decoding(
        IAdaptiveSizeRule decoder,
        int length,
        double temperature = 1.0,
        int batchSize = 64,
        bool trace = false,
        double? finalTemperature = null
    ) =>
        new(
            new DeterministicSchedule("cap", Enumerable.Repeat(1, length).ToArray()),
            decoder.Order,
            temperature,
            batchSize,
            trace,
            Decoder: decoder,
            FinalTemperature: finalTemperature
        );

    /// <summary>
    /// T_k = T + (T_final − T)·(k − 1)/(K − 1) at step k of K (T at K = 1, and throughout without a final temperature).
    /// </summary>
    public double TemperatureAt(int step) => TokenDraw.Annealed(Temperature, FinalTemperature, step, Schedule.Steps);
}

/// <summary>
/// Sampled sequences with their NFE (predictor calls) and, if asked, the reveal step of every position.
/// </summary>
public sealed record SampledSequences(int[][] Sequences, int[] Nfe, int[][]? RevealSteps);

/// <summary>
/// The unmasking loop: start fully masked; at step k = 1..K draw the size s_k, call the predictor once on
/// the sequences with s_k &gt; 0, choose s_k masked positions by the rule, and draw their tokens
/// independently from the (tempered) predicted marginals. A decoder instead calls the predictor on every unfinished
/// sequence and takes s_k from the ranked laws. Committed tokens never change, and empty steps
/// make no predictor call. The random and left-to-right rules choose the positions first and ask the predictor for
/// those only (<see cref="IMaskPredictor.DrawAt"/> at T = 1, else <see cref="IMaskPredictor.PredictAt"/>); the
/// heuristic rules rank every position. Sequence i draws from its own streams (seed split by i): "sizes",
/// "positions" and "tokens", so the output depends neither on the batch size nor on how many batches run at once.
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
        if (options.Threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be ≥ 1.");
        TokenDraw.Tempered([1.0], options.Temperature, new double[1]);
        if (options.FinalTemperature is { } last)
            TokenDraw.Tempered([1.0], last, new double[1]);
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
        var batches = (count + _options.BatchSize - 1) / _options.BatchSize;
        var threads = _predictor.IsThreadSafe ? _options.Threads ?? Environment.ProcessorCount : 1;
        Parallel.For(
            0,
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            b =>
            {
                var start = b * _options.BatchSize;
                SampleChunk(start, Math.Min(_options.BatchSize, count - start), seed, sequences, nfe, steps);
            }
        );
        return new SampledSequences(sequences, nfe, steps);
    }

    private void SampleChunk(int start, int n, RandomStreams seed, int[][] sequences, int[] nfe, int[][]? steps)
    {
        var batch = new Batch(_predictor, _options, start, n, seed, steps);
        for (var k = 1; k <= _options.Schedule.Steps; k++)
            batch.Step(k);
        batch.Finish(sequences, nfe);
    }

    /// <summary>The state of one batch of sequences: their tokens, streams and buffers.</summary>
    private sealed class Batch
    {
        private readonly IMaskPredictor _predictor;
        private readonly SamplerOptions _options;
        private readonly int _start;
        private readonly int _n;
        private readonly int _length;
        private readonly int _alphabet;
        private readonly Random[] _sizesRng;
        private readonly Random[] _positionsRng;
        private readonly Random[] _tokensRng;
        private readonly int[] _tokens;
        private readonly int[] _revealed;
        private readonly int[] _sizes;
        private readonly int[] _nfe;
        private readonly int[][]? _steps;
        private readonly List<int> _active;
        private readonly int[] _gathered;
        private readonly List<int> _masked;
        private readonly List<int> _chosen;
        private readonly double[] _law;
        private readonly int[] _asked;
        private readonly double[] _uniforms;
        private readonly int[] _drawn;
        private readonly int[] _offsets;
        private double[] _predictions = [];
        private double[] _dense = [];

        public Batch(
            IMaskPredictor predictor,
            SamplerOptions options,
            int start,
            int n,
            RandomStreams seed,
            int[][]? steps
        )
        {
            (_predictor, _options, _start, _n, _steps) = (predictor, options, start, n, steps);
            (_length, _alphabet) = (predictor.Length, predictor.Alphabet);
            var streams = Enumerable.Range(start, n).Select(i => seed.Split((ulong)i)).ToArray();
            _sizesRng = streams.Select(s => s.Stream("sizes")).ToArray();
            _positionsRng = streams.Select(s => s.Stream("positions")).ToArray();
            _tokensRng = streams.Select(s => s.Stream("tokens")).ToArray();
            _tokens = new int[n * _length];
            Array.Fill(_tokens, _alphabet);
            _revealed = new int[n];
            _sizes = new int[n];
            _nfe = new int[n];
            _active = new List<int>(n);
            _gathered = new int[n * _length];
            _masked = new List<int>(_length);
            _chosen = new List<int>(_length);
            _law = new double[_alphabet];
            _asked = new int[n * _length];
            _uniforms = new double[n * _length];
            _drawn = new int[n * _length];
            _offsets = new int[n + 1];
            if (steps is not null)
                for (var i = 0; i < n; i++)
                    steps[start + i] = new int[_length];
        }

        /// <summary>
        /// Step k: sizes, one predictor call on the sequences that reveal something, positions, tokens.
        /// </summary>
        public void Step(int k)
        {
            _active.Clear();
            for (var i = 0; i < _n; i++)
            {
                // A decoder's size comes with the step's laws (RankAll); here it only marks the unfinished sequences.
                _sizes[i] =
                    _options.Decoder is null ? _options.Schedule.Next(k, _revealed[i], _sizesRng[i])
                    : _revealed[i] < _length ? 1
                    : 0;
                if (_sizes[i] > 0)
                    _active.Add(i);
            }
            if (_active.Count == 0)
                return;
            for (var a = 0; a < _active.Count; a++)
                _tokens.AsSpan(_active[a] * _length, _length).CopyTo(_gathered.AsSpan(a * _length, _length));
            if (_options.Decoder is null && !_options.Positions.ReadsLaws())
                ChooseBlind();
            else
                RankAll();
            DrawTokens(_options.TemperatureAt(k));
            for (var a = 0; a < _active.Count; a++)
            {
                var i = _active[a];
                _nfe[i]++;
                for (var r = _offsets[a]; r < _offsets[a + 1]; r++)
                {
                    _tokens[i * _length + _asked[r]] = _drawn[r];
                    if (_steps is not null)
                        _steps[_start + i][_asked[r]] = k;
                }
                _revealed[i] += _sizes[i];
            }
        }

        /// <summary>
        /// The rules that read no laws: a uniform subset of each sequence's masked positions (random), or its first
        /// ones (left to right), before any prediction.
        /// </summary>
        private void ChooseBlind()
        {
            for (var a = 0; a < _active.Count; a++)
            {
                var i = _active[a];
                Masked(i);
                PositionRules.Choose(_options.Positions, _masked, _sizes[i], [], _alphabet, _positionsRng[i], _chosen);
                Record(a);
            }
        }

        /// <summary>
        /// One uniform per asked position from its sequence's token stream, then the tokens by inversion: exact
        /// (T = 1) draws at positions chosen without the laws go to <see cref="IMaskPredictor.DrawAt"/>, so an oracle
        /// never writes its laws; otherwise the (tempered) laws are written and inverted here.
        /// </summary>
        private void DrawTokens(double temperature)
        {
            var asked = _offsets[_active.Count];
            for (var a = 0; a < _active.Count; a++)
            {
                var rng = _tokensRng[_active[a]];
                for (var r = _offsets[a]; r < _offsets[a + 1]; r++)
                    _uniforms[r] = rng.NextDouble();
            }
            var uniforms = _uniforms.AsSpan(0, asked);
            var drawn = _drawn.AsSpan(0, asked);
            var tokens = _gathered.AsSpan(0, _active.Count * _length);
            var positions = _asked.AsSpan(0, asked);
            var offsets = _offsets.AsSpan(0, _active.Count + 1);
            var blind = _options.Decoder is null && !_options.Positions.ReadsLaws();
            if (blind && temperature == 1)
            {
                _predictor.DrawAt(tokens, _active.Count, positions, offsets, uniforms, drawn);
                return;
            }
            if (blind)
            {
                Reserve(asked * _alphabet);
                _predictor.PredictAt(
                    tokens,
                    _active.Count,
                    positions,
                    offsets,
                    _predictions.AsSpan(0, asked * _alphabet)
                );
            }
            for (var r = 0; r < asked; r++)
            {
                // At T = 1 the law drawn is the prediction itself: no copy.
                ReadOnlySpan<double> law = _predictions.AsSpan(r * _alphabet, _alphabet);
                if (temperature != 1)
                {
                    TokenDraw.Tempered(law, temperature, _law);
                    law = _law;
                }
                drawn[r] = CategoricalInversion.Draw(law, uniforms[r]);
            }
        }

        /// <summary>
        /// The heuristic rules and the decoders: every position's law ranks the masked ones; a decoder then sizes the
        /// step from the ranked scores.
        /// </summary>
        private void RankAll()
        {
            var all = _active.Count * _length * _alphabet;
            if (_dense.Length < all)
                _dense = new double[_n * _length * _alphabet];
            var dense = _dense.AsSpan(0, all);
            _predictor.Predict(_gathered.AsSpan(0, _active.Count * _length), _active.Count, dense);
            for (var a = 0; a < _active.Count; a++)
            {
                var i = _active[a];
                Masked(i);
                var predicted = dense.Slice(a * _length * _alphabet, _length * _alphabet);
                if (_options.Decoder is { } decoder)
                {
                    DecoderBlock.Choose(decoder, _masked, predicted, _alphabet, _chosen);
                    _sizes[i] = _chosen.Count;
                }
                else
                    PositionRules.Choose(
                        _options.Positions,
                        _masked,
                        _sizes[i],
                        predicted,
                        _alphabet,
                        _positionsRng[i],
                        _chosen
                    );
                Record(a);
            }
            Reserve(_offsets[_active.Count] * _alphabet);
            for (var a = 0; a < _active.Count; a++)
            {
                for (var r = _offsets[a]; r < _offsets[a + 1]; r++)
                    dense
                        .Slice((a * _length + _asked[r]) * _alphabet, _alphabet)
                        .CopyTo(_predictions.AsSpan(r * _alphabet, _alphabet));
            }
        }

        /// <summary>The masked positions of sequence i, in increasing order.</summary>
        private void Masked(int i)
        {
            var tokens = _tokens.AsSpan(i * _length, _length);
            CollectionsMarshal.SetCount(_masked, _length);
            var masked = CollectionsMarshal.AsSpan(_masked);
            var count = 0;
            // Branch-free: every position is written, and only a masked one is kept.
            for (var j = 0; j < tokens.Length; j++)
            {
                masked[count] = j;
                count += tokens[j] == _alphabet ? 1 : 0;
            }
            CollectionsMarshal.SetCount(_masked, count);
        }

        /// <summary>Appends the chosen positions of the a-th active sequence to the asked list.</summary>
        private void Record(int a)
        {
            _offsets[a + 1] = _offsets[a] + _chosen.Count;
            _chosen.CopyTo(_asked, _offsets[a]);
        }

        private void Reserve(int size)
        {
            if (_predictions.Length < size)
                _predictions = new double[Math.Max(size, 2 * _predictions.Length)];
        }

        public void Finish(int[][] sequences, int[] nfe)
        {
            for (var i = 0; i < _n; i++)
            {
                if (_revealed[i] != _length)
                    throw new InvalidOperationException(
                        $"the schedule revealed {_revealed[i]} of L = {_length} positions."
                    );
                sequences[_start + i] = _tokens.AsSpan(i * _length, _length).ToArray();
                nfe[_start + i] = _nfe[i];
            }
        }
    }
}
