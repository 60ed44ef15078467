using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dlm.Training;

/// <summary>
/// AdamW (decoupled weight decay) with the weight decay on the weight matrices of linear layers only, never on
/// embeddings, norms or biases. One step, with g the gradient and t the step count:
/// p ← p·(1 − η·λ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − η/(1 − β₁ᵗ) · m / (√(v/(1 − β₂ᵗ)) + ε).
/// Every scalar it hands to libtorch is an explicit <see cref="Scalar"/> kept alive across the call, alphas included
/// (<see cref="KeptScalars"/>): TorchSharp's own optimizers pass implicit ones, which a finalizer can free while
/// libtorch still reads them.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly (string Name, Parameter Value, bool Decays)[] _parameters;
    private readonly Tensor[] _first;
    private readonly Tensor[] _second;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double _weightDecay;

    /// <summary>An optimizer over every parameter of <paramref name="network"/>, with zero moments.</summary>
    public AdamW(Module network, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        var decaying = network
            .named_modules()
            .Where(m => m.module is Linear)
            .Select(m => m.name.Length == 0 ? "weight" : $"{m.name}.weight")
            .ToHashSet(StringComparer.Ordinal);
        _parameters = network
            .named_parameters()
            .Select(p => (p.name, p.parameter, decaying.Contains(p.name)))
            .ToArray();
        _first = _parameters.Select(p => zeros_like(p.Value).DetachFromDisposeScope()).ToArray();
        _second = _parameters.Select(p => zeros_like(p.Value).DetachFromDisposeScope()).ToArray();
        (_beta1, _beta2, _epsilon, _weightDecay) = (beta1, beta2, epsilon, weightDecay);
    }

    /// <summary>The steps taken, t.</summary>
    public int Steps { get; private set; }

    /// <summary>The parameters that weight decay shrinks.</summary>
    public IEnumerable<string> Decaying => _parameters.Where(p => p.Decays).Select(p => p.Name);

    /// <summary>The moments by name (<c>m.NAME</c>, <c>v.NAME</c>), for checkpoints.</summary>
    public IEnumerable<(string Name, Tensor Value)> State =>
        _parameters.SelectMany((p, i) => new[] { ($"m.{p.Name}", _first[i]), ($"v.{p.Name}", _second[i]) });

    /// <summary>Restores the moments and the step count written from <see cref="State"/>.</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> state, int steps)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            _first[i].copy_(Moment(state, $"m.{_parameters[i].Name}", _first[i]));
            _second[i].copy_(Moment(state, $"v.{_parameters[i].Name}", _second[i]));
        }
        Steps = steps;
    }

    /// <summary>Clears every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, value, _) in _parameters)
            value.grad?.zero_();
    }

    /// <summary>
    /// Scales the gradients so that their joint L2 norm is at most <paramref name="maxNorm"/>, with tensors only.
    /// </summary>
    public void ClipGradients(double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var grads = _parameters.Select(p => p.Value.grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0)
            return;
        using Scalar max = maxNorm;
        using Scalar tiny = 1e-6;
        using Scalar one = 1.0;
        var norm = stack(grads.Select(g => g.mul(g).sum()).ToArray()).sum().sqrt();
        var factor = norm.add(tiny, KeptScalars.One).reciprocal().mul(max).clamp_max(one);
        foreach (var g in grads)
            g.mul_(factor);
    }

    /// <summary>One step with learning rate <paramref name="rate"/>.</summary>
    public void Step(double rate)
    {
        Steps++;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (correction1, correction2) = (1 - Math.Pow(_beta1, Steps), 1 - Math.Pow(_beta2, Steps));
        using Scalar shrink = 1 - rate * _weightDecay;
        using Scalar beta1 = _beta1;
        using Scalar rest1 = 1 - _beta1;
        using Scalar beta2 = _beta2;
        using Scalar rest2 = 1 - _beta2;
        using Scalar rootCorrection2 = Math.Sqrt(correction2);
        using Scalar epsilon = _epsilon;
        using Scalar stepSize = -rate / correction1;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var (_, p, decays) = _parameters[i];
            if (p.grad is not { } g)
                continue;
            if (decays)
                p.mul_(shrink);
            _first[i].mul_(beta1).add_(g, rest1);
            _second[i].mul_(beta2).addcmul_(g, g, rest2);
            var denominator = _second[i].sqrt().div_(rootCorrection2).add_(epsilon, KeptScalars.One);
            p.addcdiv_(_first[i], denominator, stepSize);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in _first.Concat(_second))
            t.Dispose();
    }

    private static Tensor Moment(IReadOnlyDictionary<string, Tensor> state, string name, Tensor like) =>
        state.TryGetValue(name, out var value) && value.shape.SequenceEqual(like.shape)
            ? value.to(like.dtype, like.device)
            : throw new InvalidDataException(
                $"the optimizer state lacks '{name}' with shape [{string.Join(", ", like.shape)}]."
            );
}
