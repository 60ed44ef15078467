/// The entropy of every subset marginal, visited depth-first through the subset lattice.
module internal Dlm.Theory.SubsetLattice

open System
open System.Threading
open System.Threading.Tasks

/// Sums position j out of a table over n variables into dst (q^(n−1) entries).
let private sumOut (q: int) (n: int) (j: int) (src: float[]) (dst: float[]) =
    let inner = pown q (n - 1 - j)
    let outer = pown q j
    System.Array.Clear(dst, 0, outer * inner)

    for a in 0 .. outer - 1 do
        let target = a * inner

        for b in 0 .. q - 1 do
            let source = (a * q + b) * inner

            for c in 0 .. inner - 1 do
                dst[target + c] <- dst[target + c] + src[source + c]

/// Σ_{|S| = m} H(X_S) for m = 0..L, from a table over [q]^L.
///
/// Variables are removed in increasing order, so each subset is reached once, and each marginal is the
/// parent's with one variable summed out. One buffer per depth keeps the extra memory near q^L per worker.
/// The work is split by which of the first t variables are removed (2^t tasks, dynamically scheduled).
let entropySumsBySize (length: int) (q: int) (table: float[]) : float[] =
    let t = if table.Length < 4096 then 0 else min (length - 1) 6
    let workers = if t = 0 then 1 else Environment.ProcessorCount
    // Sums per task, added up in task order afterwards, so the result does not depend on the scheduling.
    let perTask = Array.init (1 <<< t) (fun _ -> Array.zeroCreate<float>(length + 1))
    let mutable nextTask = -1

    Parallel.For(
        0,
        workers,
        fun _ ->
            // One buffer per depth for this worker: Σ_{n<L} q^n ≤ q^L entries, allocated once.
            let buffers = Array.init length (fun n -> Array.zeroCreate<float>(pown q n))

            let rec visit (sums: float[]) (node: float[]) n prefixKept start =
                sums[n] <- sums[n] + Information.entropyOfPrefix node (pown q n)

                for v in start .. length - 1 do
                    let child = buffers[n - 1]
                    sumOut q n (prefixKept + v - start) node child
                    visit sums child (n - 1) (prefixKept + v - start) (v + 1)

            let mutable task = Interlocked.Increment &nextTask

            while task < (1 <<< t) do
                // Root of this task: the first t variables removed as the bits of `task` say, highest first.
                let mutable root = table
                let mutable n = length

                for v in t - 1 .. -1 .. 0 do
                    if (task >>> v) &&& 1 = 1 then
                        sumOut q n v root buffers[n - 1]
                        root <- buffers[n - 1]
                        n <- n - 1

                visit perTask[task] root n (n - (length - t)) t
                task <- Interlocked.Increment &nextTask
    )
    |> ignore

    Array.init (length + 1) (fun m -> perTask |> Array.sumBy (fun sums -> sums[m]))
