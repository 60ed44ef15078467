using TorchSharp;

namespace Dlm.Training;

/// <summary>
/// Scalars that live as long as the process. TorchSharp's <c>a + b</c> passes an implicit <c>alpha = 1</c> Scalar
/// whose finalizer can free it while libtorch still reads it (a "toFloat" or "Unknown scalar type" crash under GC
/// pressure), so the networks add with <c>a.add(b, KeptScalars.One)</c>: a rooted, immutable Scalar is never
/// finalized.
/// </summary>
internal static class KeptScalars
{
    /// <summary>The integer 1: the alpha of a plain sum, valid for integer and floating tensors alike.</summary>
    public static readonly Scalar One = 1;
}
