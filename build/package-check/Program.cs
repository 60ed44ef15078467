using Dlm.Datasets;
using Dlm.Models;
using Dlm.Sampling.Design;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using TorchSharp;

// fixed with K = 2 on the parity code of length 5 reveals 3 tokens, then 2. Identity A by hand: only the last token of
// the second block is costly, Δ(3) − Δ(4) = ln 2 − 0, so E KL = ln 2 exactly.
var parity = DistributionSpec.Parse("parity:L=5,q=2");
var error = ScheduleCatalog.Create("fixed", parity.Length, 2).Error(parity.Profile).ExpectedKl;
using var ones = torch.ones(2, 3);
var sum = ones.sum().item<float>();

// The committed exact designs travel inside Dlm.Sampling, and ONNX Runtime's native library with Dlm.Models.
var design = ExactDesigns.Committed(16, 4, Measure.Min);
using var onnx = OnnxPredictor.Load(args[0], new OnnxOptions());
Console.WriteLine(
    $"E KL = {error:R} nats (ln 2 = {Math.Log(2):R}); libtorch: sum of ones(2, 3) = {sum}; "
        + $"committed design L16-K4-min: V = {design?.Value:F4}; ONNX fixture: L = {onnx.Length}, V = {onnx.Vocabulary}"
);
return
    Math.Abs(error - Math.Log(2)) <= 1e-12 && sum == 6 && design is { Value: > 2.41 and < 2.42 } && onnx.Vocabulary == 4
    ? 0
    : 1;
