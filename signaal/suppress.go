package signaal

// Table is a public table of counts (rows × columns, e.g. buurten ×
// themes) with its row totals, column totals and grand total, after
// suppression. Hidden cells are shown as "fewer than five" or empty.
type Table struct {
	Cells     [][]Cell
	RowTotals []Cell
	ColTotals []Cell
	Total     Cell
}

// Cell is one published count: N is only meaningful when Hidden is false.
type Cell struct {
	N      int
	Hidden bool
}

// SuppressTable publishes a table of counts so that no count below MinCell
// can be seen or worked out from the totals.
//
// The rule, in three steps:
//
//  1. Primary suppression: every cell and every total from 1 to MinCell-1
//     is hidden. Zero is shown: it points at nobody, and a hidden zero
//     would tell the reader nothing while letting other cells be worked
//     out (a hidden sum of 0 makes every cell in it 0).
//  2. Line rule: for each row and each column whose total is shown (the row
//     of column totals and the column of row totals count too, with the
//     grand total as their total), the hidden cells must add up to 0 or to
//     at least MinCell; otherwise the total minus the shown cells would
//     reveal a small number. Then the smallest shown cell of that line is
//     hidden as well (its total when none is left).
//  3. Chain rule: a hidden count from 1 to MinCell-1 may not be worked out
//     by combining lines either (a row gives one cell, which then opens a
//     column, ...). A hidden cell can be worked out exactly when it is a
//     bridge in the graph whose nodes are the rows and columns (totals
//     included) and whose edges are the hidden cells; it stays unknown when
//     it lies on a cycle. So when a small hidden count is a bridge, the
//     smallest shown cell of its row (else its column, else the table) is
//     hidden too.
//
// Steps 2 and 3 repeat until nothing changes; hidden cells only grow, so
// the loop ends. A bridge of at least MinCell may be worked out, as it
// could have been shown. Because every hidden cell is at least 1, a hidden
// cell on a cycle can move up or down by one with the others on the cycle
// and every total stays the same: it cannot be pinned down. TestSuppressTableExact checks on small tables,
// by trying every table that matches what is shown, that no small hidden
// count is pinned down.
func SuppressTable(counts [][]int) Table {
	rows := len(counts)
	cols := 0
	for _, r := range counts {
		if len(r) > cols {
			cols = len(r)
		}
	}
	// m is the table with its margins: row rows holds the column totals,
	// column cols the row totals, and m[rows][cols] the grand total.
	m := make([][]int, rows+1)
	hid := make([][]bool, rows+1)
	for i := range m {
		m[i] = make([]int, cols+1)
		hid[i] = make([]bool, cols+1)
	}
	for i, r := range counts {
		for j, n := range r {
			m[i][j] = n
			m[i][cols] += n
			m[rows][j] += n
			m[rows][cols] += n
		}
	}
	for i := range m {
		for j := range m[i] {
			_, hid[i][j] = Suppress(m[i][j])
			hid[i][j] = hid[i][j] && m[i][j] > 0
		}
	}
	// hideSmallest hides the smallest shown cell among the candidates
	// (inner cells first, then totals) and reports whether it hid one.
	hideSmallest := func(cands [][2]int) bool {
		best := [2]int{-1, -1}
		bestTotal := true
		for _, c := range cands {
			i, j := c[0], c[1]
			if hid[i][j] || m[i][j] == 0 {
				continue
			}
			total := i == rows || j == cols
			if best[0] < 0 || (bestTotal && !total) || (bestTotal == total && m[i][j] < m[best[0]][best[1]]) {
				best, bestTotal = c, total
			}
		}
		if best[0] < 0 {
			return false
		}
		hid[best[0]][best[1]] = true
		return true
	}
	rowCells := func(i int) [][2]int {
		out := make([][2]int, 0, cols+1)
		for j := 0; j <= cols; j++ {
			out = append(out, [2]int{i, j})
		}
		return out
	}
	colCells := func(j int) [][2]int {
		out := make([][2]int, 0, rows+1)
		for i := 0; i <= rows; i++ {
			out = append(out, [2]int{i, j})
		}
		return out
	}
	for changed := true; changed; {
		changed = false
		// Step 2, rows (including the row of column totals).
		for i := 0; i <= rows; i++ {
			if hid[i][cols] {
				continue
			}
			sum := 0
			for j := 0; j < cols; j++ {
				if hid[i][j] {
					sum += m[i][j]
				}
			}
			if sum > 0 && sum < MinCell && hideSmallest(rowCells(i)) {
				changed = true
			}
		}
		// Step 2, columns (including the column of row totals).
		for j := 0; j <= cols; j++ {
			if hid[rows][j] {
				continue
			}
			sum := 0
			for i := 0; i < rows; i++ {
				if hid[i][j] {
					sum += m[i][j]
				}
			}
			if sum > 0 && sum < MinCell && hideSmallest(colCells(j)) {
				changed = true
			}
		}
		if changed {
			continue
		}
		// Step 3: one small bridge at a time, then the lines again.
		if i, j, closing, ok := smallBridge(m, hid); ok {
			switch {
			case hideSmallest(closing), hideSmallest(rowCells(i)), hideSmallest(colCells(j)):
			default:
				var all [][2]int
				for r := 0; r <= rows; r++ {
					all = append(all, rowCells(r)...)
				}
				if !hideSmallest(all) {
					break // everything is hidden
				}
			}
			changed = true
		}
	}
	cell := func(i, j int) Cell {
		if hid[i][j] {
			return Cell{Hidden: true}
		}
		return Cell{N: m[i][j]}
	}
	t := Table{Cells: make([][]Cell, rows), RowTotals: make([]Cell, rows), ColTotals: make([]Cell, cols), Total: cell(rows, cols)}
	for i := 0; i < rows; i++ {
		t.Cells[i] = make([]Cell, cols)
		for j := 0; j < cols; j++ {
			t.Cells[i][j] = cell(i, j)
		}
		t.RowTotals[i] = cell(i, cols)
	}
	for j := 0; j < cols; j++ {
		t.ColTotals[j] = cell(rows, j)
	}
	return t
}

// smallBridge finds a hidden cell with a count from 1 to MinCell-1 that is
// a bridge in the graph of hidden cells (nodes: the rows and columns of m,
// margins included; edges: the hidden cells). Such a cell can be worked
// out from the shown totals. It returns the cell and the shown cells
// that would close a cycle through it: those between the part of the graph
// on the row's side and the part on the column's side.
func smallBridge(m [][]int, hid [][]bool) (i, j int, closing [][2]int, ok bool) {
	rows, cols := len(m), len(m[0])
	// Node r is row r; node rows+c is column c.
	adj := make([][]int, rows+cols)
	for i := range rows {
		for j := range cols {
			if hid[i][j] {
				adj[i] = append(adj[i], rows+j)
				adj[rows+j] = append(adj[rows+j], i)
			}
		}
	}
	// reach returns the nodes reachable from start without the edge a-b.
	reach := func(start, a, b int) []bool {
		seen := make([]bool, rows+cols)
		seen[start] = true
		stack := []int{start}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, x := range adj[n] {
				if (n == a && x == b) || (n == b && x == a) || seen[x] {
					continue
				}
				seen[x] = true
				stack = append(stack, x)
			}
		}
		return seen
	}
	for i := range rows {
		for j := range cols {
			if !hid[i][j] || m[i][j] < 1 || m[i][j] >= MinCell {
				continue
			}
			side := reach(i, i, rows+j)
			if side[rows+j] {
				continue // on a cycle
			}
			other := reach(rows+j, i, rows+j)
			for r := range rows {
				for c := range cols {
					if !hid[r][c] && m[r][c] > 0 && ((side[r] && other[rows+c]) || (other[r] && side[rows+c])) {
						closing = append(closing, [2]int{r, c})
					}
				}
			}
			return i, j, closing, true
		}
	}
	return 0, 0, nil, false
}
