package pdf

import (
	"slices"
	"strings"
	"unicode"
)

// Table adds a table. Column widths follow the content and fill the page
// width; cells wrap, long words break. A row that does not fit on the page
// moves to the next one (or, when taller than a page, continues there), and
// the header row is repeated at the top of every page the table reaches.
// Columns whose cells are all numbers or amounts are right-aligned. Rows may
// be shorter than the header; missing cells stay empty.
func (d *Doc) Table(header []string, rows [][]string) {
	if !d.usable() {
		return
	}
	ncols := len(header)
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	if ncols == 0 {
		return
	}
	t := &table{d: d, lh: lineHeight(tableSize)}
	if len(header) > 0 {
		t.header = cleanRow(header, ncols)
	}
	t.rows = make([][]string, len(rows))
	for i, r := range rows {
		t.rows[i] = cleanRow(r, ncols)
	}
	t.layout(ncols)

	auto, bottom := d.f.GetAutoPageBreak()
	d.f.SetAutoPageBreak(false, bottom)
	defer d.f.SetAutoPageBreak(auto, bottom)

	// Start on a new page unless the header (or its start) and a first
	// line fit here.
	_, ph := d.f.GetPageSize()
	d.ensure(min(float64(tallest(t.hlines))*t.lh+2*cellPad, (ph-marginTop-marginBottom)/3) + t.lh + 2*cellPad)
	t.drawHeader()
	for i := range t.rows {
		t.drawRow(i)
	}
	d.f.Ln(3)
	d.font("", bodySize, colText)
}

type table struct {
	d      *Doc
	header []string
	rows   [][]string
	widths []float64
	right  []bool // right-align the column
	lh     float64
	hlines [][]string // wrapped header cells
	repeat bool       // repeat the header on every page
}

func cleanRow(r []string, n int) []string {
	out := make([]string, n)
	for i := range min(len(r), n) {
		out[i] = clean(r[i])
	}
	return out
}

// layout chooses column widths: each column gets at least its longest word
// and shares the rest of the width in proportion to how much more its
// longest line needs. A word may claim at most a quarter of the width; when
// the words do not fit side by side, only the widest columns give way, so
// words break in as few columns as possible.
func (t *table) layout(n int) {
	d := t.d
	avail := d.contentWidth()
	minW, maxW := make([]float64, n), make([]float64, n)
	measure := func(row []string, style string) {
		d.font(style, tableSize, colText)
		for i, c := range row {
			for _, line := range strings.Split(c, "\n") {
				maxW[i] = max(maxW[i], d.f.GetStringWidth(line)+2*cellPad)
				for _, w := range strings.Split(line, " ") {
					minW[i] = max(minW[i], d.f.GetStringWidth(w)+2*cellPad)
				}
			}
		}
	}
	if t.header != nil {
		measure(t.header, "B")
	}
	for _, r := range t.rows {
		measure(r, "")
	}
	floor := min(avail/float64(n), 10.0) // a column is never narrower than this
	var sumMin, sumMax float64
	for i := range n {
		minW[i] = max(min(minW[i], avail/4), floor)
		maxW[i] = max(maxW[i], minW[i])
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	t.widths = make([]float64, n)
	switch {
	case sumMax <= avail:
		for i := range n {
			t.widths[i] = maxW[i] * avail / sumMax
		}
	case sumMin >= avail:
		limit := waterLevel(minW, avail)
		for i := range n {
			t.widths[i] = min(minW[i], limit)
		}
	default:
		extra := avail - sumMin
		for i := range n {
			t.widths[i] = minW[i] + extra*(maxW[i]-minW[i])/(sumMax-sumMin)
		}
	}
	t.right = make([]bool, n)
	for i := range n {
		seen, numeric := false, true
		for _, r := range t.rows {
			if c := strings.TrimSpace(r[i]); c != "" {
				seen = true
				if !isNumber(c) {
					numeric = false
					break
				}
			}
		}
		t.right[i] = seen && numeric
	}
	if t.header != nil {
		d.font("B", tableSize, colText)
		t.hlines = t.wrapRow(t.header)
	}
}

// waterLevel returns the width limit at which the widths, each cut down to
// the limit, add up to avail (the sum of want must exceed avail).
func waterLevel(want []float64, avail float64) float64 {
	sorted := slices.Clone(want)
	slices.Sort(sorted)
	left := avail
	for i, w := range sorted {
		if w*float64(len(sorted)-i) > left {
			return left / float64(len(sorted)-i)
		}
		left -= w
	}
	return sorted[len(sorted)-1]
}

// isNumber reports whether s reads as a number or amount: digits with
// separators, signs, currency and percent signs, nothing else. A dash
// after a digit makes it a date or range, which stays left-aligned.
func isNumber(s string) bool {
	digits, afterDigit := false, false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits, afterDigit = true, true
		case strings.ContainsRune("+-−–", r):
			if afterDigit {
				return false
			}
		case strings.ContainsRune(".,\u00a0\u202f %€$£", r):
			if r == ' ' || r == '\u00a0' || r == '\u202f' {
				afterDigit = false
			}
		default:
			return false
		}
	}
	return digits
}

func (t *table) wrapRow(row []string) [][]string {
	out := make([][]string, len(row))
	for i, c := range row {
		out[i] = t.d.wrap(c, t.widths[i]-2*cellPad)
	}
	return out
}

func tallest(cells [][]string) int {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}

// headerHeight is the height of the header repeated on each page; 0 when
// there is none or it is too tall to repeat.
func (t *table) headerHeight() float64 {
	if t.header == nil || !t.repeat {
		return 0
	}
	return float64(tallest(t.hlines))*t.lh + 2*cellPad
}

// drawHeader draws the header at the start of the table. A header taller
// than a third of a page is drawn once, like a row, and not repeated.
func (t *table) drawHeader() {
	if t.header == nil {
		return
	}
	_, ph := t.d.f.GetPageSize()
	t.repeat = float64(tallest(t.hlines))*t.lh+2*cellPad <= (ph-marginTop-marginBottom)/3
	t.d.font("B", tableSize, colText)
	if t.repeat {
		t.drawCells(t.hlines, 0, tallest(t.hlines), colHeadBG)
		return
	}
	t.drawBand(t.hlines, colHeadBG, "B")
}

// drawRow draws row i, continuing on new pages when it does not fit.
func (t *table) drawRow(i int) {
	t.d.font("", tableSize, colText)
	fill := noFill
	if i%2 == 1 {
		fill = colZebra
	}
	t.drawBand(t.wrapRow(t.rows[i]), fill, "")
}

// drawBand draws wrapped cells as one row. A row that does not fit moves
// to a new page; a row taller than a page continues on the next ones.
func (t *table) drawBand(cells [][]string, fill [3]int, style string) {
	d := t.d
	total := tallest(cells)
	_, ph := d.f.GetPageSize()
	fresh := ph - marginBottom - marginTop - t.headerHeight() // room on a new page
	h := float64(total)*t.lh + 2*cellPad
	if d.room() < h && h <= fresh {
		t.newPage(style)
	}
	for from := 0; from < total; {
		fit := int((d.room() - 2*cellPad) / t.lh)
		if fit < 1 {
			if d.f.GetY() <= marginTop+t.headerHeight()+0.01 {
				fit = 1 // a fresh page: always make progress
			} else {
				t.newPage(style)
				continue
			}
		}
		to := min(total, from+fit)
		t.drawCells(cells, from, to, fill)
		from = to
	}
}

// newPage continues the table on a new page, below the repeated header,
// in the font style of the cells being drawn.
func (t *table) newPage(style string) {
	t.d.f.AddPage()
	if t.header != nil && t.repeat {
		t.d.font("B", tableSize, colText)
		t.drawCells(t.hlines, 0, tallest(t.hlines), colHeadBG)
	}
	t.d.font(style, tableSize, colText)
}

// noFill draws a cell without background.
var noFill = [3]int{-1, -1, -1}

// drawCells draws lines [from, to) of every cell as one band across the
// page, with a background unless fill is noFill. Numeric columns are
// right-aligned, their header too.
func (t *table) drawCells(cells [][]string, from, to int, fill [3]int) {
	f := t.d.f
	y := f.GetY()
	h := float64(to-from)*t.lh + 2*cellPad
	f.SetDrawColor(colRule[0], colRule[1], colRule[2])
	f.SetLineWidth(0.15)
	x := marginLeft
	for i, lines := range cells {
		w := t.widths[i]
		style := "D"
		if fill[0] >= 0 {
			f.SetFillColor(fill[0], fill[1], fill[2])
			style = "FD"
		}
		f.Rect(x, y, w, h, style)
		align := "L"
		if t.right[i] {
			align = "R"
		}
		for j := from; j < to && j < len(lines); j++ {
			f.SetXY(x+cellPad, y+cellPad+float64(j-from)*t.lh)
			f.CellFormat(w-2*cellPad, t.lh, lines[j], "", 0, align, false, 0, "")
		}
		x += w
	}
	f.SetXY(marginLeft, y+h)
}

// wrap breaks text into lines no wider than width in the current font:
// at spaces, at line breaks in the text, and inside words longer than a
// line. It returns at least one line.
func (d *Doc) wrap(text string, width float64) []string {
	var out []string
	space := d.f.GetStringWidth(" ")
	for _, para := range strings.Split(text, "\n") {
		cur, curW := "", 0.0
		for _, word := range strings.Split(para, " ") {
			if word == "" {
				continue
			}
			ww := d.f.GetStringWidth(word)
			if cur != "" && curW+space+ww <= width {
				cur, curW = cur+" "+word, curW+space+ww
				continue
			}
			if cur != "" {
				out = append(out, cur)
				cur, curW = "", 0
			}
			for ww > width {
				head, rest, hw := d.cut(word, width)
				out = append(out, head)
				word, ww = rest, ww-hw
			}
			cur, curW = word, ww
		}
		out = append(out, cur)
	}
	return out
}

// cut splits word into the longest head that fits width (at least one
// rune) and the rest; hw is the width of head.
func (d *Doc) cut(word string, width float64) (head, rest string, hw float64) {
	for i, r := range word {
		rw := d.f.GetStringWidth(string(r))
		if i > 0 && hw+rw > width {
			return word[:i], word[i:], hw
		}
		hw += rw
	}
	return word, "", hw
}
