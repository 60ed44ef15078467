using System.Security.Cryptography;
using System.Text.Json;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dlm.Training;

/// <summary>What a checkpoint directory records about its run.</summary>
/// <param name="Model">The architecture, with L and q.</param>
/// <param name="Data">The data spec: a distribution spec, <c>file:PATH</c> or <c>text:PATH</c>.</param>
/// <param name="Options">The training options.</param>
/// <param name="Text">The characters of a text model (<c>dlm train --text</c>), else null.</param>
public sealed record RunConfig(ModelConfig Model, string Data, TrainingOptions Options, TextVocabulary? Text = null);

/// <summary>
/// A checkpoint directory: <c>config.json</c> for the run, and one folder per saved step with the weights
/// (<c>weights.safetensors</c>, readable by PyTorch), the AdamW moments (<c>optimizer.safetensors</c>) and
/// <c>state.json</c> (the step and the SHA-256 of both files). A step folder is written under a temporary
/// name and renamed, then the file <c>latest</c> is replaced atomically: a killed run leaves the previous
/// checkpoint intact. The data and dropout streams are derived from the seed and the step, so the step is
/// the whole random state.
/// </summary>
public sealed class CheckpointStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The directory.</summary>
    public string Directory => directory;

    /// <summary>Whether the directory holds a checkpoint.</summary>
    public bool Exists => File.Exists(Path.Combine(directory, "latest"));

    /// <summary>Writes config.json.</summary>
    public void SaveConfig(RunConfig config) =>
        AtomicFile.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(config, Json));

    /// <summary>Reads config.json, with a clear error when it is missing or unreadable.</summary>
    public RunConfig LoadConfig()
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path))
            throw new ArgumentException(
                $"'{directory}' is not a checkpoint directory: config.json is missing.",
                nameof(directory)
            );
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{path}' is corrupt: {e.Message}", nameof(directory), e);
        }
    }

    /// <summary>
    /// Saves the weights and optimizer state after <paramref name="step"/> steps and <paramref name="elapsed"/> of
    /// training time (so that a resumed run continues a time budget).
    /// </summary>
    public void Save(Module<Tensor, Tensor> model, AdamW optimizer, int step, TimeSpan elapsed)
    {
        var name = FreeName($"step-{step:D8}");
        var final = Path.Combine(directory, name);
        var temp = Path.Combine(directory, $".{name}.tmp");
        if (System.IO.Directory.Exists(temp))
            System.IO.Directory.Delete(temp, true);
        System.IO.Directory.CreateDirectory(temp);
        // The copies to the CPU are temporaries: a scope keeps them reachable until libtorch has read them.
        using var scope = NewDisposeScope();
        using (var weights = File.Create(Path.Combine(temp, "weights.safetensors")))
            Safetensors.Write(
                weights,
                model.state_dict().Select(p => (p.Key, p.Value)),
                new Dictionary<string, string> { ["step"] = $"{step}" }
            );
        using (var moments = File.Create(Path.Combine(temp, "optimizer.safetensors")))
            Safetensors.Write(
                moments,
                optimizer.State,
                new Dictionary<string, string> { ["steps"] = $"{optimizer.Steps}" }
            );
        var state = new CheckpointState(
            step,
            elapsed.TotalSeconds,
            Hash(Path.Combine(temp, "weights.safetensors")),
            Hash(Path.Combine(temp, "optimizer.safetensors"))
        );
        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
        System.IO.Directory.Move(temp, final);
        AtomicFile.WriteAllText(Path.Combine(directory, "latest"), name);
        foreach (
            var old in System.IO.Directory.GetDirectories(directory, "step-*").Where(d => Path.GetFileName(d) != name)
        )
            System.IO.Directory.Delete(old, true);
    }

    /// <summary>
    /// <paramref name="name"/>, or <c>name-2</c>, <c>name-3</c>, … when a step is saved again: the folder that
    /// <c>latest</c> names is never touched before <c>latest</c> names its successor.
    /// </summary>
    private string FreeName(string name)
    {
        var free = name;
        for (var copy = 2; System.IO.Directory.Exists(Path.Combine(directory, free)); copy++)
            free = $"{name}-{copy}";
        return free;
    }

    /// <summary>
    /// Loads the latest checkpoint into <paramref name="model"/> (and <paramref name="optimizer"/>); returns its step
    /// and the training time spent up to it.
    /// </summary>
    public (int Step, TimeSpan Elapsed) Load(Module<Tensor, Tensor> model, AdamW? optimizer)
    {
        if (!Exists)
            throw new ArgumentException(
                $"'{directory}' holds no checkpoint (the file 'latest' is missing).",
                nameof(directory)
            );
        var folder = Path.Combine(directory, File.ReadAllText(Path.Combine(directory, "latest")).Trim());
        var statePath = Path.Combine(folder, "state.json");
        if (!File.Exists(statePath))
            throw new InvalidDataException($"checkpoint '{folder}' is incomplete: state.json is missing.");
        CheckpointState state;
        try
        {
            state =
                JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint '{statePath}' is corrupt: {e.Message}", e);
        }
        Verify(Path.Combine(folder, "weights.safetensors"), state.WeightsSha256);
        Verify(Path.Combine(folder, "optimizer.safetensors"), state.OptimizerSha256);
        // The loaded tensors are temporaries: a scope keeps them reachable until copied, then frees them.
        using var scope = NewDisposeScope();
        var tensors = Safetensors.Read(Path.Combine(folder, "weights.safetensors"));
        var expected = model.state_dict();
        foreach (var (key, value) in expected)
        {
            if (!tensors.TryGetValue(key, out var loaded))
                throw new InvalidDataException($"checkpoint '{folder}' lacks the tensor '{key}'.");
            if (!loaded.shape.SequenceEqual(value.shape))
                throw new InvalidDataException(
                    $"checkpoint tensor '{key}' has shape [{string.Join(", ", loaded.shape)}]; the model needs "
                        + $"[{string.Join(", ", value.shape)}]."
                );
            using (no_grad())
                value.copy_(loaded);
        }
        optimizer?.Load(Safetensors.Read(Path.Combine(folder, "optimizer.safetensors")), state.Step);
        return (state.Step, TimeSpan.FromSeconds(state.ElapsedSeconds));
    }

    private static void Verify(string path, string sha256)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"checkpoint file '{path}' is missing.");
        if (Hash(path) != sha256)
            throw new InvalidDataException(
                $"checkpoint file '{path}' is corrupt: its SHA-256 does not match state.json."
            );
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private sealed record CheckpointState(
        int Step,
        double ElapsedSeconds,
        string WeightsSha256,
        string OptimizerSha256
    );
}
