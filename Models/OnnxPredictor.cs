using Dlm.Sampling.Sampler;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dlm.Models;

/// <summary>How an ONNX model is run.</summary>
/// <param name="Input">The token input, int64 (or int32) [batch, L].</param>
/// <param name="Output">The logits, float [batch, L, V] (float32, float16, bfloat16 or float64).</param>
/// <param name="MaskId">The mask id; null: the model's metadata <c>dlm.mask_id</c>.</param>
/// <param name="BatchSize">Sequences per run of the model.</param>
/// <param name="Device">cpu, or cuda (the CUDA provider: build with <c>-p:OnnxBackend=cuda</c>); auto is cpu.</param>
/// <param name="Length">L, where the model's sequence axis is dynamic (from the data); checked where it is static.
/// </param>
public sealed record OnnxOptions(
    string Input = "input_ids",
    string Output = "logits",
    int? MaskId = null,
    int BatchSize = 64,
    string Device = "auto",
    int? Length = null
);

/// <summary>
/// Any masked diffusion LM exported to ONNX with the signature <c>input_ids</c> int64 [batch, L] → <c>logits</c>
/// [batch, L, V] (LLaDA, Dream, MDLM, or <c>scripts/export_onnx.py</c> for dlm's own networks), as a mask predictor.
/// The mask id M lies in the vocabulary. The symbols are the model's own ids: q = V − 1 when M = V − 1, so that the
/// mask is q as everywhere in dlm; otherwise q = V, the input mask q is sent as M, and the symbol M has probability 0.
/// A law is the softmax of the logits over the q symbols, M left out, taken in float64 at the asked positions only
/// (<see cref="PredictAt"/>): with V in the hundred-thousands a softmax over all L·V logits would be waste. Runs take
/// <see cref="OnnxOptions.BatchSize"/> sequences at a time; ONNX Runtime's sessions run concurrently, so the predictor
/// is thread-safe.
/// </summary>
public sealed class OnnxPredictor : IMaskPredictor, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly TensorElementType _inputType;
    private readonly int _batch;

    private OnnxPredictor(
        InferenceSession session,
        OnnxOptions options,
        TensorElementType inputType,
        int length,
        int vocabulary,
        int mask
    )
    {
        _session = session;
        (_input, _output, _inputType, _batch) = (options.Input, options.Output, inputType, options.BatchSize);
        (Length, Vocabulary, MaskId) = (length, vocabulary, mask);
    }

    /// <inheritdoc/>
    public int Length { get; }

    /// <inheritdoc/>
    public int Alphabet => MaskId == Vocabulary - 1 ? Vocabulary - 1 : Vocabulary;

    /// <summary>V, the size of the model's vocabulary, the mask id included.</summary>
    public int Vocabulary { get; }

    /// <summary>M, the model's mask id.</summary>
    public int MaskId { get; }

    /// <inheritdoc/>
    public bool IsThreadSafe => true;

    /// <summary>The model's custom metadata (<c>dlm.mask_id</c>, <c>dlm.text</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>
    /// Opens the model at <paramref name="path"/>; a missing or unreadable file, a missing input or output (the ones
    /// the model has are listed), a wrong rank, an L that differs from <see cref="OnnxOptions.Length"/>, or a mask id
    /// outside the vocabulary fails with one sentence that names it.
    /// </summary>
    public static OnnxPredictor Load(string path, OnnxOptions options)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"ONNX model '{path}' does not exist.", nameof(path));
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "--batch must be ≥ 1.");
        var session = Open(path, options.Device);
        try
        {
            var input = Node(session.InputMetadata, options.Input, "input", path, rank: 2);
            var output = Node(session.OutputMetadata, options.Output, "output", path, rank: 3);
            if (input.ElementDataType is not (TensorElementType.Int64 or TensorElementType.Int32))
                throw new ArgumentException(
                    $"ONNX model '{path}': input '{options.Input}' holds {input.ElementDataType}; token ids must be "
                        + "int64 or int32.",
                    nameof(path)
                );
            var length = LengthOf(path, input.Dimensions[1], output.Dimensions[1], options.Length);
            var vocabulary =
                output.Dimensions[2] > 0
                    ? output.Dimensions[2]
                    : Probe(session, options, input.ElementDataType, length);
            var mask = MaskOf(path, session, options.MaskId);
            if (mask < 0 || mask >= vocabulary)
                throw new ArgumentException(
                    $"ONNX model '{path}': the mask id {mask} lies outside the vocabulary [0, V = {vocabulary}).",
                    nameof(options)
                );
            return new OnnxPredictor(session, options, input.ElementDataType, length, vocabulary, mask);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
    {
        var (l, q) = (Length, Alphabet);
        CheckTokens(tokens, batch);
        for (var start = 0; start < batch; start += _batch)
        {
            var n = Math.Min(_batch, batch - start);
            using var logits = Run(tokens.Slice(start * l, n * l), n);
            var rows = Enumerable.Range(0, n * l).ToArray();
            Laws(logits[0], rows, probabilities.Slice(start * l * q, n * l * q));
        }
    }

    /// <inheritdoc/>
    public void PredictAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        Span<double> probabilities
    )
    {
        var (l, q) = (Length, Alphabet);
        CheckTokens(tokens, batch);
        for (var start = 0; start < batch; start += _batch)
        {
            var n = Math.Min(_batch, batch - start);
            var (first, last) = (offsets[start], offsets[start + n]);
            if (first == last)
                continue;
            using var logits = Run(tokens.Slice(start * l, n * l), n);
            var rows = new int[last - first];
            for (var b = 0; b < n; b++)
            {
                for (var r = offsets[start + b]; r < offsets[start + b + 1]; r++)
                    rows[r - first] = b * l + positions[r];
            }
            Laws(logits[0], rows, probabilities.Slice(first * q, (last - first) * q));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    /// <summary>
    /// The laws at <paramref name="rows"/> of one run's logits, written in turn into <paramref name="laws"/>: each
    /// row's
    /// V logits are read once, as float64, whatever float type the model writes.
    /// </summary>
    private void Laws(OrtValue logits, ReadOnlySpan<int> rows, Span<double> laws)
    {
        var (v, q) = (Vocabulary, Alphabet);
        var row = new double[v];
        switch (logits.GetTensorTypeAndShape().ElementDataType)
        {
            case TensorElementType.Float:
                var floats = logits.GetTensorDataAsSpan<float>();
                for (var i = 0; i < rows.Length; i++)
                {
                    var source = floats.Slice(rows[i] * v, v);
                    for (var a = 0; a < v; a++)
                        row[a] = source[a];
                    Softmax(row, laws.Slice(i * q, q));
                }
                break;
            case TensorElementType.Double:
                var doubles = logits.GetTensorDataAsSpan<double>();
                for (var i = 0; i < rows.Length; i++)
                {
                    doubles.Slice(rows[i] * v, v).CopyTo(row);
                    Softmax(row, laws.Slice(i * q, q));
                }
                break;
            case TensorElementType.Float16:
                var halves = logits.GetTensorDataAsSpan<Float16>();
                for (var i = 0; i < rows.Length; i++)
                {
                    var source = halves.Slice(rows[i] * v, v);
                    for (var a = 0; a < v; a++)
                        row[a] = (float)source[a];
                    Softmax(row, laws.Slice(i * q, q));
                }
                break;
            case TensorElementType.BFloat16:
                var brains = logits.GetTensorDataAsSpan<BFloat16>();
                for (var i = 0; i < rows.Length; i++)
                {
                    var source = brains.Slice(rows[i] * v, v);
                    for (var a = 0; a < v; a++)
                        row[a] = (float)source[a];
                    Softmax(row, laws.Slice(i * q, q));
                }
                break;
            case var other:
                throw new InvalidOperationException($"the model's logits are {other}, not a float type.");
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(ReadOnlySpan<int> tokens, int n)
    {
        var results = Run(_session, _input, _output, _inputType, Ids(tokens), n, Length);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        if (shape[2] != Vocabulary)
        {
            results.Dispose();
            throw new InvalidOperationException($"the model wrote V = {shape[2]} logits; it had V = {Vocabulary}.");
        }
        return results;
    }

    private static IDisposableReadOnlyCollection<OrtValue> Run(
        InferenceSession session,
        string inputName,
        string outputName,
        TensorElementType type,
        int[] ids,
        int n,
        int length
    )
    {
        var shape = new long[] { n, length };
        using var input =
            type == TensorElementType.Int64
                ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(ids, t => (long)t), shape)
                : OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var options = new RunOptions();
        var results = session.Run(options, [inputName], [input], [outputName]);
        var dimensions = results[0].GetTensorTypeAndShape().Shape;
        if (dimensions.Length != 3 || dimensions[0] != n || dimensions[1] != length)
        {
            results.Dispose();
            throw new InvalidOperationException(
                $"the model's output has shape [{string.Join(", ", dimensions)}] for an input of [{n}, {length}]."
            );
        }
        return results;
    }

    /// <summary>The ids as the model reads them: the mask q is sent as the model's mask id.</summary>
    private int[] Ids(ReadOnlySpan<int> tokens)
    {
        var (q, mask) = (Alphabet, MaskId);
        var ids = new int[tokens.Length];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = tokens[i] == q ? mask : tokens[i];
        return ids;
    }

    /// <summary>
    /// The law of one row of logits: their softmax over the q symbols, the mask id left out, in float64.
    /// </summary>
    private void Softmax(double[] logits, Span<double> law)
    {
        var (q, mask) = (Alphabet, MaskId);
        var top = double.NegativeInfinity;
        for (var a = 0; a < q; a++)
            if (a != mask)
                top = Math.Max(top, logits[a]);
        var total = 0.0;
        for (var a = 0; a < q; a++)
            total += law[a] = a == mask ? 0 : Math.Exp(logits[a] - top);
        for (var a = 0; a < q; a++)
            law[a] /= total;
    }

    private void CheckTokens(ReadOnlySpan<int> tokens, int batch)
    {
        if (tokens.Length != batch * Length)
            throw new ArgumentException(
                $"{tokens.Length} tokens for a batch of {batch} × L = {Length}.",
                nameof(tokens)
            );
    }

    /// <summary>V from one run on a sequence of zeros, where the model's output shape leaves it symbolic.</summary>
    private static int Probe(InferenceSession session, OnnxOptions options, TensorElementType type, int length)
    {
        using var results = Run(session, options.Input, options.Output, type, new int[length], 1, length);
        return (int)results[0].GetTensorTypeAndShape().Shape[2];
    }

    private static InferenceSession Open(string path, string device)
    {
        var options = new SessionOptions();
        if (device == "cuda")
        {
            try
            {
                options.AppendExecutionProvider_CUDA();
            }
            catch (OnnxRuntimeException e)
            {
                options.Dispose();
                throw new ArgumentException(
                    "--device cuda needs ONNX Runtime's CUDA provider: build with -p:OnnxBackend=cuda (the "
                        + "Microsoft.ML.OnnxRuntime.Gpu.Linux package) on a machine with CUDA "
                        + $"({e.Message.Split('\n')[0]}).",
                    nameof(device),
                    e
                );
            }
        }
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArgumentException(
                $"'{path}' is not an ONNX model that ONNX Runtime can load: {e.Message.Split('\n')[0]}",
                nameof(path),
                e
            );
        }
        finally
        {
            options.Dispose();
        }
    }

    private static NodeMetadata Node(
        IReadOnlyDictionary<string, NodeMetadata> nodes,
        string name,
        string kind,
        string path,
        int rank
    )
    {
        if (!nodes.TryGetValue(name, out var node))
            throw new ArgumentException(
                $"ONNX model '{path}' has no {kind} '{name}'; its {kind}s are "
                    + $"{string.Join(", ", nodes.Keys.Select(k => $"'{k}'"))} (choose with --onnx-{kind} NAME).",
                nameof(name)
            );
        if (!node.IsTensor || node.Dimensions.Length != rank)
            throw new ArgumentException(
                $"ONNX model '{path}': {kind} '{name}' has rank {node.Dimensions.Length}; dlm needs rank {rank} "
                    + (rank == 2 ? "[batch, L]." : "[batch, L, V]."),
                nameof(name)
            );
        return node;
    }

    private static int LengthOf(string path, int inputLength, int outputLength, int? asked)
    {
        var fixedLength =
            inputLength > 0 ? inputLength
            : outputLength > 0 ? outputLength
            : (int?)null;
        return (fixedLength, asked) switch
        {
            ({ } model, { } data) when model != data => throw new ArgumentException(
                $"ONNX model '{path}' has L = {model}; the data has L = {data}.",
                nameof(path)
            ),
            ({ } model, _) => model,
            (null, { } data) => data,
            _ => throw new ArgumentException(
                $"ONNX model '{path}' has a dynamic sequence axis; give L with --length or with data.",
                nameof(path)
            ),
        };
    }

    private static int MaskOf(string path, InferenceSession session, int? asked)
    {
        if (asked is { } mask)
            return mask;
        if (
            session.ModelMetadata.CustomMetadataMap.TryGetValue("dlm.mask_id", out var text)
            && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var written)
        )
            return written;
        throw new ArgumentException(
            $"ONNX model '{path}' names no mask id (metadata dlm.mask_id); give --mask-id (LLaDA's is 126336).",
            nameof(asked)
        );
    }
}
