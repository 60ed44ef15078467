namespace Dlm.Theory

open System

/// A dense probability table p over [q]^L. The sequence x = (x_1..x_L) has index Σ_i x_i·q^(L−i)
/// (x_1 most significant). In partial sequences the value q stands for a masked position.
[<Sealed>]
type JointDistribution private (length: int, alphabet: int, p: float[]) =

    static let tolerance = 1e-9

    /// The oracle's work: one pass over the sequences consistent with the context, accumulating the asked rows.
    let conditionalsAt (partial: ReadOnlySpan<int>, positions: ReadOnlySpan<int>, probabilities: Span<float>) =
        let masked = ResizeArray()

        for i in 0 .. length - 1 do
            if partial[i] = alphabet then
                masked.Add i

        // `rowOf[j]` is the first output row that asks for masked[j], or −1; only those rows accumulate.
        let rowOf = Array.create masked.Count -1

        for r in 0 .. positions.Length - 1 do
            let i = positions[r]

            let j = masked.IndexOf i

            if j >= 0 && rowOf[j] < 0 then
                rowOf[j] <- r

        let accumulated =
            [|
                for j in 0 .. masked.Count - 1 do
                    if rowOf[j] >= 0 then
                        j
            |]

        let strides =
            Array.init masked.Count (fun j -> pown alphabet (length - 1 - masked[j]))
        // Visit only the sequences consistent with the revealed symbols: an odometer over the masked
        // positions (the last one fastest), moving the table index by each position's stride.
        probabilities.Slice(0, positions.Length * alphabet).Clear()
        let mutable index = 0

        for i in 0 .. length - 1 do
            if partial[i] < alphabet then
                index <- index + partial[i] * pown alphabet (length - 1 - i)

        let digits = Array.zeroCreate masked.Count
        let mutable mass = 0.0

        for _ in 1 .. pown alphabet masked.Count do
            let px = p[index]

            if px > 0.0 then
                mass <- mass + px

                for j in accumulated do
                    let at = rowOf[j] * alphabet + digits[j]
                    probabilities[at] <- probabilities[at] + px

            let mutable j = masked.Count - 1
            let mutable carry = true

            while carry && j >= 0 do
                digits[j] <- digits[j] + 1
                index <- index + strides[j]

                if digits[j] = alphabet then
                    digits[j] <- 0
                    index <- index - alphabet * strides[j]
                    j <- j - 1
                else
                    carry <- false

        for r in 0 .. positions.Length - 1 do
            let i = positions[r]
            let law = probabilities.Slice(r * alphabet, alphabet)
            let first = if partial[i] < alphabet then r else rowOf[masked.IndexOf i]

            if first < r then
                // A position asked twice: its first row is final already.
                probabilities.Slice(first * alphabet, alphabet).CopyTo law
            elif partial[i] < alphabet then
                law.Clear()
                law[partial[i]] <- 1.0
            elif mass > 0.0 then
                for a in 0 .. alphabet - 1 do
                    law[a] <- law[a] / mass
            else
                law.Fill(1.0 / float alphabet)

    let emptyContext =
        lazy
            (let all = Array.zeroCreate (length * alphabet)
             conditionalsAt (ReadOnlySpan(Array.create length alphabet), ReadOnlySpan(Array.init length id), Span all)
             all)


    /// The largest table built by default: 2^27 entries (1 GiB of float64).
    static member DefaultMaxEntries = 1L <<< 27

    /// Fails, before anything is allocated, unless 1 ≤ L, 2 ≤ q and q^L ≤ maxEntries.
    static member CheckSize(length: int, alphabet: int, maxEntries: int64) =
        if length < 1 then
            invalidArg "length" $"L = {length}; it must be ≥ 1."

        if alphabet < 2 then
            invalidArg "alphabet" $"q = {alphabet}; it must be ≥ 2."

        let entries = Math.Pow(float alphabet, float length)

        if entries > float maxEntries then
            let gib = entries * 8.0 / float (1L <<< 30)

            invalidArg
                "length"
                ($"a dense table over [q]^L with q = {alphabet}, L = {length} has {entries:G4} entries ({gib:G3} GiB); "
                 + $"the limit is {maxEntries} entries. Use a family with a closed form, or a smaller L.")

    /// q^L, after CheckSize with the default limit.
    static member TableSize(length: int, alphabet: int) =
        JointDistribution.CheckSize(length, alphabet, JointDistribution.DefaultMaxEntries)
        pown alphabet length

    /// Validates p: q^L entries, each finite and ≥ 0, summing to 1 within 1e-9. The table is copied.
    static member Create(length: int, alphabet: int, probabilities: float[]) =
        let size = JointDistribution.TableSize(length, alphabet)

        if isNull probabilities then
            nullArg "probabilities"

        if probabilities.Length <> size then
            invalidArg
                "probabilities"
                $"the table has {probabilities.Length} entries; q^L = {alphabet}^{length} = {size} are needed."

        let mutable total = 0.0

        for i in 0 .. size - 1 do
            let v = probabilities[i]

            if not (Double.IsFinite v) || v < 0.0 then
                invalidArg "probabilities" $"entry {i} is {v}; every probability must be finite and ≥ 0."

            total <- total + v

        if abs (total - 1.0) > tolerance then
            invalidArg
                "probabilities"
                ($"the entries sum to {total:R}; they must sum to 1 within 1e-9 "
                 + "(JointDistribution.Normalize rescales weights).")

        JointDistribution(length, alphabet, Array.copy probabilities)

    /// p(x) = w(x) / Σ w, for finite non-negative weights with a positive sum.
    static member Normalize(length: int, alphabet: int, weights: float[]) =
        if isNull weights then
            nullArg "weights"

        let total = Array.sum weights

        if not (Double.IsFinite total) || total <= 0.0 then
            invalidArg "weights" $"the weights sum to {total}; it must be finite and > 0."

        if weights |> Array.exists (fun w -> not (Double.IsFinite w) || w < 0.0) then
            invalidArg "weights" "every weight must be finite and ≥ 0."

        JointDistribution.Create(length, alphabet, weights |> Array.map (fun w -> w / total))

    /// L, the sequence length.
    member _.Length = length
    /// q, the alphabet size; it is also the mask id in partial sequences.
    member _.Alphabet = alphabet

    /// p(x) for the sequence with the given index.
    member _.Item
        with get (index: int) = p[index]

    /// The number of sequences, q^L.
    member _.Size = p.Length
    /// A copy of the table.
    member _.ToArray() = Array.copy p
    member internal _.Table = p

    /// The index Σ_i x_i·q^(L−i) of a full sequence.
    member _.Index(x: int[]) =
        if x.Length <> length then
            invalidArg "x" $"x has {x.Length} symbols; L = {length}."

        let mutable index = 0

        for v in x do
            if v < 0 || v >= alphabet then
                invalidArg "x" $"symbol {v} is outside [0, {alphabet})."

            index <- index * alphabet + v

        index

    /// The sequence with the given index.
    member _.Decode(index: int) =
        let x = Array.zeroCreate length
        let mutable rest = index

        for i in length - 1 .. -1 .. 0 do
            x[i] <- rest % alphabet
            rest <- rest / alphabet

        x

    /// H(X) = −Σ_x p(x) ln p(x).
    member _.Entropy = Information.entropy p

    /// The marginal table of X_S over [q]^|S|, indexed like the joint with S's positions in the given order.
    member this.Marginal(subset: int[]) =
        let distinct = subset |> Array.distinct

        if
            distinct.Length <> subset.Length
            || subset |> Array.exists (fun i -> i < 0 || i >= length)
        then
            invalidArg "subset" $"positions must be distinct and in [0, {length})."

        let marginal = Array.zeroCreate (pown alphabet subset.Length)

        for index in 0 .. p.Length - 1 do
            if p[index] > 0.0 then
                let x = this.Decode index
                let mutable sub = 0

                for i in subset do
                    sub <- sub * alphabet + x[i]

                marginal[sub] <- marginal[sub] + p[index]

        marginal

    /// The oracle at the asked positions only: p(x_i = a | x_S) for the r-th asked position i, written to
    /// probabilities[r·q + a], where partial has the revealed symbols and q at masked positions. Revealed positions
    /// get a point mass on their symbol. A context of probability zero gives every masked position the uniform law
    /// (a fixed convention; it never enters KL(p‖q), because such contexts only lead to sequences outside the
    /// support of p). One pass over the sequences consistent with the context, accumulating only the asked rows.
    member _.ConditionalsAt(partial: ReadOnlySpan<int>, positions: ReadOnlySpan<int>, probabilities: Span<float>) =
        if partial.Length <> length then
            invalidArg "partial" $"the sequence has {partial.Length} symbols; L = {length}."

        if probabilities.Length < positions.Length * alphabet then
            invalidArg
                "probabilities"
                $"the output has {probabilities.Length} entries; it needs {positions.Length * alphabet}."

        let mutable revealed = 0

        for i in 0 .. length - 1 do
            if partial[i] < 0 || partial[i] > alphabet then
                invalidArg "partial" $"symbols must be in [0, {alphabet}], with {alphabet} marking a masked position."

            if partial[i] < alphabet then
                revealed <- revealed + 1

        for i in positions do
            if i < 0 || i >= length then
                invalidArg "positions" $"position {i} is outside [0, {length})."

        if revealed = 0 then
            // The empty context, the costliest (q^L terms), is every sampler's first step: computed once.
            for r in 0 .. positions.Length - 1 do
                ReadOnlySpan(emptyContext.Value, positions[r] * alphabet, alphabet)
                    .CopyTo(probabilities.Slice(r * alphabet, alphabet))
        else
            conditionalsAt (partial, positions, probabilities)

    /// The oracle at every position, written to probabilities[i·q + a] (see ConditionalsAt). Spans, so that a
    /// sampler's buffers are read and written in place.
    member this.Conditionals(partial: ReadOnlySpan<int>, probabilities: Span<float>) =
        if probabilities.Length <> length * alphabet then
            invalidArg
                "probabilities"
                $"the output has {probabilities.Length} entries; it needs L·q = {length * alphabet}."

        this.ConditionalsAt(partial, ReadOnlySpan(Array.init length id), probabilities)

    /// The oracle as one array per position (see the span overload, which writes in place).
    member this.Conditionals(partial: int[]) : float[][] =
        let flat = Array.zeroCreate (length * alphabet)
        this.Conditionals(ReadOnlySpan partial, Span flat)
        Array.chunkBySize alphabet flat
