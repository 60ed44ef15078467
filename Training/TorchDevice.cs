using TorchSharp;

namespace Dlm.Training;

/// <summary>Chooses the torch device: <c>auto</c> is CUDA when libtorch sees a GPU, else the CPU.</summary>
public static class TorchDevice
{
    /// <summary>The device for <paramref name="name"/> (auto, cpu or cuda).</summary>
    public static torch.Device Resolve(string name) =>
        name switch
        {
            "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.CUDA,
            "cuda" => throw new ArgumentException(
                "device 'cuda' was asked for, but libtorch sees no CUDA device (build with -p:TorchBackend=cuda on a "
                    + "CUDA machine).",
                nameof(name)
            ),
            "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            _ => throw new ArgumentException($"device '{name}' is not auto, cpu or cuda.", nameof(name)),
        };
}
