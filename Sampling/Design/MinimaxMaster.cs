using Google.OrTools.LinearSolver;

namespace Dlm.Sampling.Design;

/// <summary>A solution of the master: its value, the column values and the atoms' prices.</summary>
/// <param name="Value">t, the least worst row.</param>
/// <param name="Columns">Each column's value (a weight, or an arc's flow), solver noise below 0 clipped.</param>
/// <param name="Prices">y_k ≥ 0, one per row: the duals of the atom rows, the mixed strategy of the atoms.</param>
/// <param name="ReducedCosts">Each column's reduced cost: how much the value would rise per unit forced into
/// it.</param>
public sealed record MasterSolution(double Value, double[] Columns, double[] Prices, double[] ReducedCosts);

/// <summary>
/// The linear program behind every minimax design, solved by OR-Tools' GLOP: minimise t subject to
/// Σ_j x_j a_jk ≤ t for every bounded atom row k (≤ 0 for the others), x ≥ 0, and balance rows that make x a law. For
/// a mixture of laws the balance is one row, Σ_j x_j = 1 (<see cref="AddLaw"/>). For the exact design x is a unit
/// flow through the layered graph of partial compositions, one column per block (<see cref="AddArc"/>): a law over
/// compositions is such a flow, every flow is such a law, and the program mixes every path that its arcs form, not
/// only the compositions added. Columns can be added after a solve, and GLOP solves again from its last basis. The atom
/// rows' duals y (Σ_k y_k = 1 where every row is bounded) price what to add.
/// </summary>
public sealed class MinimaxMaster : IDisposable
{
    private readonly Solver _solver;
    private readonly IReadOnlyList<bool> _bounded;
    private readonly List<Variable> _columns = [];
    private readonly Dictionary<(int Step, int Revealed), Constraint> _balance = [];
    private Variable? _bound;
    private Constraint[] _rows = [];

    /// <summary>The columns added before the first solve, built then in one pass (see <see cref="Build"/>).</summary>
    private readonly List<Pending> _pending = [];

    private sealed record Pending(
        IReadOnlyList<double> Atoms,
        double Upper,
        (int, int) Out,
        double OutValue,
        (int, int)? In
    );

    /// <summary>The key of the one balance row of a mixture of laws, Σ_j x_j = 1; no node of a flow has it.</summary>
    private static readonly (int, int) Simplex = (-1, -1);

    /// <summary>
    /// A master with one row per atom; <paramref name="bounded"/>[k] says whether row k is bounded by t.
    /// </summary>
    public MinimaxMaster(IReadOnlyList<bool> bounded)
    {
        _solver =
            Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools' GLOP solver is unavailable.");
        _bounded = bounded;
    }

    /// <summary>The number of columns.</summary>
    public int Count => _bound is null ? _pending.Count : _columns.Count;

    /// <summary>Adds a law with atom row entries a_·k, a weight in Σ_j x_j = 1; returns its index.</summary>
    public int AddLaw(IReadOnlyList<double> atoms) => Add(new Pending(Checked(atoms), 1, Simplex, 1, null));

    /// <summary>
    /// Adds the block (m, b] revealed at step <paramref name="step"/> (from <paramref name="from"/> revealed to
    /// <paramref name="to"/>) with atom row entries a_·k, an arc of the flow that starts at (0, 0) with one unit and
    /// ends at any (j, L); returns its index.
    /// </summary>
    public int AddArc(IReadOnlyList<double> atoms, int step, int from, int to, int length) =>
        // In − out = −1 at the source and 0 at every inner node; the nodes (j, L) absorb what arrives.
        Add(
            new Pending(
                Checked(atoms),
                double.PositiveInfinity,
                (step - 1, from),
                from == 0 ? -1 : 0,
                to < length ? (step, to) : null
            )
        );

    /// <summary>Solves (again, from the last basis).</summary>
    public MasterSolution Solve()
    {
        var bound = Build();
        var status = _solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            // A warm start can end ABNORMAL on a degenerate basis; a cold solve of the same program does not.
            _solver.Reset();
            status = _solver.Solve();
        }
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the minimax linear program ended {status}, not OPTIMAL.");
        return new MasterSolution(
            bound.SolutionValue(),
            _columns.Select(x => Math.Max(0, x.SolutionValue())).ToArray(),
            _rows.Select(r => Math.Max(0, -r.DualValue())).ToArray(),
            _columns.Select(x => x.ReducedCost()).ToArray()
        );
    }

    /// <inheritdoc/>
    public void Dispose() => _solver.Dispose();

    private int Add(Pending column)
    {
        if (_bound is null)
            _pending.Add(column);
        else
            Create(column);
        return Count - 1;
    }

    /// <summary>
    /// The program on first solve: the columns added so far, then t, then the balance rows, then the atom rows, the
    /// order in which the pool design has always built it, so that GLOP pivots, and rounds, as it did.
    /// </summary>
    private Variable Build()
    {
        if (_bound is { } built)
            return built;
        var variables = _pending.Select((c, i) => _solver.MakeNumVar(0, c.Upper, $"x{i}")).ToList();
        _bound = _solver.MakeNumVar(0, double.PositiveInfinity, "t");
        for (var i = 0; i < _pending.Count; i++)
            Connect(variables[i], _pending[i]);
        _rows = _bounded.Select((_, k) => _solver.MakeConstraint(double.NegativeInfinity, 0, $"atom{k + 1}")).ToArray();
        for (var k = 0; k < _rows.Length; k++)
        {
            for (var i = 0; i < _pending.Count; i++)
                if (_pending[i].Atoms[k] != 0)
                    _rows[k].SetCoefficient(variables[i], _pending[i].Atoms[k]);
            if (_bounded[k])
                _rows[k].SetCoefficient(_bound, -1);
        }
        _solver.Objective().SetCoefficient(_bound, 1);
        _solver.Objective().SetMinimization();
        _columns.AddRange(variables);
        _pending.Clear();
        return _bound;
    }

    private void Create(Pending column)
    {
        var variable = _solver.MakeNumVar(0, column.Upper, $"x{_columns.Count}");
        Connect(variable, column);
        for (var k = 0; k < _rows.Length; k++)
            if (column.Atoms[k] != 0)
                _rows[k].SetCoefficient(variable, column.Atoms[k]);
        _columns.Add(variable);
    }

    private void Connect(Variable variable, Pending column)
    {
        Balance(column.Out, column.OutValue)
            .SetCoefficient(variable, column.In is null && column.Out == Simplex ? 1 : -1);
        if (column.In is { } node)
            Balance(node, 0).SetCoefficient(variable, 1);
    }

    private IReadOnlyList<double> Checked(IReadOnlyList<double> atoms) =>
        atoms.Count == _bounded.Count
            ? atoms
            : throw new ArgumentException($"a column has {atoms.Count} entries; the master has {_bounded.Count} rows.");

    private Constraint Balance((int, int) node, double value)
    {
        if (!_balance.TryGetValue(node, out var row))
            _balance[node] = row = _solver.MakeConstraint(value, value, $"node{node}");
        return row;
    }
}
