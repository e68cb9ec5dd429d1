package signaal

import (
	"math/rand/v2"
	"testing"
)

func TestSuppress(t *testing.T) {
	t.Parallel()
	for n := -1; n <= 10; n++ {
		shown, hidden := Suppress(n)
		if hidden != (n < MinCell) {
			t.Errorf("Suppress(%d) hidden=%v", n, hidden)
		}
		if hidden && shown != 0 {
			t.Errorf("Suppress(%d) shows %d while hidden", n, shown)
		}
		if !hidden && shown != n {
			t.Errorf("Suppress(%d)=%d", n, shown)
		}
	}
}

// checkTable asserts the published rule on one table: no shown count from
// 1 to MinCell-1, and in every line with a shown total the hidden cells add up to
// 0 or at least MinCell, so no total minus shown cells reveals a small count.
func checkTable(t *testing.T, counts [][]int, tb Table) {
	t.Helper()
	rows, cols := len(counts), len(tb.ColTotals)
	at := func(i, j int) (int, Cell) {
		switch {
		case i == rows && j == cols:
			n := 0
			for _, r := range counts {
				for _, v := range r {
					n += v
				}
			}
			return n, tb.Total
		case i == rows:
			n := 0
			for _, r := range counts {
				n += r[j]
			}
			return n, tb.ColTotals[j]
		case j == cols:
			n := 0
			for _, v := range counts[i] {
				n += v
			}
			return n, tb.RowTotals[i]
		}
		return counts[i][j], tb.Cells[i][j]
	}
	for i := 0; i <= rows; i++ {
		for j := 0; j <= cols; j++ {
			n, c := at(i, j)
			if !c.Hidden && (c.N != n || (n > 0 && n < MinCell)) {
				t.Fatalf("%v: cell (%d,%d)=%d shown as %+v", counts, i, j, n, c)
			}
		}
	}
	for i := 0; i <= rows; i++ {
		if _, tot := at(i, cols); tot.Hidden {
			continue
		}
		sum := 0
		for j := 0; j < cols; j++ {
			if n, c := at(i, j); c.Hidden {
				sum += n
			}
		}
		if sum > 0 && sum < MinCell {
			t.Fatalf("%v: row %d reveals hidden cells adding up to %d (table %+v)", counts, i, sum, tb)
		}
	}
	for j := 0; j <= cols; j++ {
		if _, tot := at(rows, j); tot.Hidden {
			continue
		}
		sum := 0
		for i := 0; i < rows; i++ {
			if n, c := at(i, j); c.Hidden {
				sum += n
			}
		}
		if sum > 0 && sum < MinCell {
			t.Fatalf("%v: column %d reveals hidden cells adding up to %d (table %+v)", counts, j, sum, tb)
		}
	}
}

// TestSuppressTableProperty: on many random tables, nothing below MinCell is
// shown and no total reveals a small hidden count.
func TestSuppressTableProperty(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		rows, cols := 1+r.IntN(6), 1+r.IntN(8)
		counts := make([][]int, rows)
		for i := range counts {
			counts[i] = make([]int, cols)
			for j := range counts[i] {
				// Mostly small counts, where suppression matters.
				if r.IntN(4) == 0 {
					counts[i][j] = r.IntN(40)
				} else {
					counts[i][j] = r.IntN(7)
				}
			}
		}
		checkTable(t, counts, SuppressTable(counts))
	}
}

// TestSuppressTableExact works out, for small tables, every table that
// agrees with what was published, and checks that no hidden count from 1 to
// 4 is pinned down to one value by the totals.
func TestSuppressTableExact(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for range 600 {
		rows, cols := 2, 2+r.IntN(2)
		counts := make([][]int, rows)
		for i := range counts {
			counts[i] = make([]int, cols)
			for j := range counts[i] {
				counts[i][j] = r.IntN(9)
			}
		}
		tb := SuppressTable(counts)
		checkTable(t, counts, tb)
		// Try every value 0..12 for the hidden inner cells; keep the
		// assignments whose totals match every shown total.
		var hidden [][2]int
		for i := range rows {
			for j := range cols {
				if tb.Cells[i][j].Hidden {
					hidden = append(hidden, [2]int{i, j})
				}
			}
		}
		possible := make([]map[int]bool, len(hidden))
		for k := range possible {
			possible[k] = map[int]bool{}
		}
		alt := make([][]int, rows)
		for i := range alt {
			alt[i] = append([]int(nil), counts[i]...)
		}
		const maxV = 12
		var try func(k int)
		try = func(k int) {
			if k == len(hidden) {
				if consistent(alt, tb) {
					for x, h := range hidden {
						possible[x][alt[h[0]][h[1]]] = true
					}
				}
				return
			}
			for v := 0; v <= maxV; v++ {
				alt[hidden[k][0]][hidden[k][1]] = v
				try(k + 1)
			}
		}
		if len(hidden) <= 5 {
			checked++
			try(0)
			for x, h := range hidden {
				v := counts[h[0]][h[1]]
				if v >= 1 && v < MinCell && len(possible[x]) < 2 {
					t.Fatalf("%v: hidden cell (%d,%d)=%d is pinned down by the totals (%+v)", counts, h[0], h[1], v, tb)
				}
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d tables were checked exhaustively", checked)
	}
}

// consistent reports whether counts agree with every shown cell and total
// of tb.
func consistent(counts [][]int, tb Table) bool {
	total := 0
	colSums := make([]int, len(tb.ColTotals))
	for i, r := range counts {
		rowSum := 0
		for j, v := range r {
			if c := tb.Cells[i][j]; !c.Hidden && c.N != v {
				return false
			}
			rowSum += v
			colSums[j] += v
		}
		if c := tb.RowTotals[i]; !c.Hidden && c.N != rowSum {
			return false
		}
		total += rowSum
	}
	for j, s := range colSums {
		if c := tb.ColTotals[j]; !c.Hidden && c.N != s {
			return false
		}
	}
	return tb.Total.Hidden || tb.Total.N == total
}

func TestSuppressTableExample(t *testing.T) {
	t.Parallel()
	// 3 is hidden. Row 0 would then give it away (21 − 6 − 12), so 6 goes
	// too; column 0 would (11 − 8), so 8 goes. Now 3 is still a bridge:
	// row 0 gives 3 + 6 = 9, column 1 gives 6 = 15 − 9, so 3 = 9 − 6. Hiding
	// 9 closes the cycle 3, 6, 9, 8: any of them can go up and the next
	// down by one with every total the same.
	tb := SuppressTable([][]int{{3, 6, 12}, {8, 9, 10}})
	want := [][]bool{{true, true, false}, {true, true, false}}
	for i := range want {
		for j := range want[i] {
			if tb.Cells[i][j].Hidden != want[i][j] {
				t.Errorf("cell (%d,%d) hidden=%v, want %v", i, j, tb.Cells[i][j].Hidden, want[i][j])
			}
		}
	}
	if tb.RowTotals[0].N != 21 || tb.RowTotals[1].N != 27 || tb.ColTotals[0].N != 11 || tb.Total.N != 48 {
		t.Errorf("totals=%+v %+v %+v", tb.RowTotals, tb.ColTotals, tb.Total)
	}
	// Zeros are shown; a table of only small counts hides its totals too
	// when they are small.
	tb = SuppressTable([][]int{{0, 2}, {0, 1}})
	if tb.Cells[0][0].Hidden || !tb.Cells[0][1].Hidden || !tb.Total.Hidden || tb.ColTotals[0].Hidden || !tb.ColTotals[1].Hidden {
		t.Errorf("small table=%+v", tb)
	}
}
