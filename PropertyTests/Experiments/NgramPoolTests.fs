/// The pool of a masked predictor with Kneser–Ney n-grams: its law is the formula it states, written out here again,
/// and the pool learns a dependence that the predictor lacks.
module Dlm.PropertyTests.Experiments.NgramPoolTests

open System
open Dlm.Datasets
open Dlm.Experiments.Studies
open Dlm.Sampling.Estimators
open Dlm.Sampling.Sampler
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Generators
open Dlm.PropertyTests.UniformPredictor
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private draws distribution count (seed: uint64) =
    Dlm.Sampling.Calibration.ProfileCalibration.FromData(distribution, count, RandomStreams seed)

[<Property(Replay = "20261201,1000013", MaxTest = 30)>]
let ``the pooled law is softmax(a_m·ln p̂ + α_b·ln P→(s r | l) + β_b·ln P←(s l | r)) at every masked position`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let l, q, n = joint.Length, joint.Alphabet, 3
        let distribution = DenseDistribution(case.Kind, joint)
        let oracle = OraclePredictor distribution
        let training = draws distribution 200 1UL

        let pool =
            NgramPool.Fit(oracle, training, draws distribution 40 2UL, RandomStreams 3UL, n, 1)

        let forward = KneserNey(training, n, q, Nullable())
        let backward = KneserNey(training |> Array.map Array.rev, n, q, Nullable())
        let buckets = (n + 1) * (n + 1)
        let weights = pool.Weights
        // Lines of the law, each with a random half of its positions masked.
        let random = Random 5

        let states =
            draws distribution 12 4UL
            |> Array.map (Array.map (fun token -> if random.NextDouble() < 0.5 then q else token))

        let predict (predictor: IMaskPredictor) =
            let laws: float[] = Array.zeroCreate (states.Length * l * q)
            predictor.Predict(ReadOnlySpan(Array.concat states), states.Length, laws.AsSpan())
            laws

        let pooled, own = predict (PooledPredictor(oracle, pool)), predict oracle

        let expected (state: int[]) i (law: float[]) =
            let revealed j = state[j] <> q

            let left =
                [ i - 1 .. -1 .. max 0 (i - n + 1) ] |> List.takeWhile revealed |> List.rev

            let right = [ i + 1 .. min (l - 1) (i + n - 1) ] |> List.takeWhile revealed
            let atStart = left.Length < n - 1 && i - left.Length = 0
            let atEnd = right.Length < n - 1 && i + right.Length = l - 1

            let symbols positions =
                positions |> List.map (fun j -> state[j]) |> Array.ofList

            let f: float[] = Array.zeroCreate q
            let b: float[] = Array.zeroCreate q
            forward.LogJoint(ReadOnlySpan(symbols left), atStart, ReadOnlySpan(symbols right), f.AsSpan())

            backward.LogJoint(
                ReadOnlySpan(symbols (List.rev right)),
                atEnd,
                ReadOnlySpan(symbols (List.rev left)),
                b.AsSpan()
            )

            let m = state |> Array.filter ((<>) q) |> Array.length

            let bucket =
                (if atStart then n else left.Length) * (n + 1)
                + if atEnd then n else right.Length

            let z =
                Array.init q (fun s ->
                    weights[m] * log (max law[s] Double.Epsilon)
                    + weights[l + bucket] * f[s]
                    + weights[l + buckets + bucket] * b[s])

            let top = Array.max z
            let e = z |> Array.map (fun v -> exp (v - top))
            e |> Array.map (fun v -> v / Array.sum e)

        let agrees =
            states
            |> Array.mapi (fun row state ->
                [ 0 .. l - 1 ]
                |> List.forall (fun i ->
                    let at (laws: float[]) =
                        laws[(row * l + i) * q .. (row * l + i + 1) * q - 1]

                    if state[i] <> q then
                        at pooled = at own
                    else
                        Array.forall2 (fun a e -> abs (a - e) <= 1e-9) (at pooled) (expected state i (at own))))
            |> Array.forall id

        let moved = weights |> Seq.skip l |> Seq.exists (fun w -> w <> 0.0)
        classified case agrees |> Prop.classify moved "the n-grams got weight")

[<Fact>]
let ``pooled with n-grams, a predictor that knows nothing learns half of a Markov chain's dependence or more`` () =
    let chain = DistributionSpec.Parse "markov:L=8,q=3,stay=0.9"
    let uniform = Uniform(8, 3)

    let pool =
        NgramPool.Fit(uniform, draws chain 3000 1UL, draws chain 500 2UL, RandomStreams 3UL)

    let heldOut = draws chain 1000 4UL

    let nll predictor =
        TeacherForcedNll.PerSequence(predictor, heldOut, ScheduleCatalog.Create("fixed", 8, 8), RandomStreams 5UL)
        |> MonteCarloEstimate.FromDraws

    let alone, pooled = nll uniform, nll (PooledPredictor(uniform, pool))
    let entropy = chain.Profile.Entropy
    // Alone, L·ln q; every order's chain rule is a law, so H(X) is the least any predictor can reach. The pool reads
    // only the runs of revealed symbols next to a position, so what crosses a masked gap is beyond it: half the way
    // from L·ln q down to H(X) is its floor here (it went 63% of the way when this test was written).
    Assert.Equal(8.0 * log 3.0, alone.Mean, 9)
    Assert.True(pooled.Upper <= entropy + 0.5 * (alone.Mean - entropy), $"pooled {pooled}, H(X) {entropy}")
    Assert.True(pooled.Upper >= entropy, $"pooled {pooled}, H(X) {entropy}")

[<Fact>]
let ``a pool refuses what it cannot fit, and a predictor of another size`` () =
    let uniform = Uniform(3, 2) :> IMaskPredictor
    let lines = [| [| 0; 1; 0 |]; [| 1; 1; 0 |] |]

    let fails (name: string) (f: unit -> obj) =
        Assert.Contains(name, (Assert.ThrowsAny<ArgumentException> f).Message)

    fails "orders per line must be ≥ 1" (fun () -> NgramPool.Fit(uniform, lines, lines, RandomStreams 1UL, 2, 0))
    fails "at least one training line" (fun () -> NgramPool.Fit(uniform, [||], lines, RandomStreams 1UL))
    fails "L = 3" (fun () -> NgramPool.Fit(uniform, [| [| 0; 1 |] |], lines, RandomStreams 1UL))
    let pool = NgramPool.Fit(uniform, lines, lines, RandomStreams 1UL, 2)
    fails "fitted for L = 3, q = 2" (fun () -> PooledPredictor(Uniform(4, 2), pool))
