package web

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// BarChart is a horizontal bar chart drawn on the server: per group (say,
// an initiative) one bar per series (say, money in and money out). The
// handler fills the texts in the page's language and how each value reads
// ("€ 1.200,00"); the chart never formats numbers itself.
type BarChart struct {
	// ID prefixes the ids of the chart's title and description; it must
	// be unique on the page.
	ID          string
	Title, Desc string
	Series      []string // the name of each series, shown in the legend
	Groups      []BarGroup
}

// BarGroup is one label with a value per series, and how each value reads.
type BarGroup struct {
	Label  string
	Values []int64
	Texts  []string
}

// Layout of the bar chart, in viewBox units.
const (
	barW         = 960
	barLabelW    = 250.0 // the labels, right-aligned to this x
	barLeft      = 262.0 // where the bars start
	barValueW    = 130.0 // room for the value after the longest bar
	barH         = 18.0
	barGap       = 4.0  // between the bars of a group
	barGroupGap  = 16.0 // between groups
	barLegendH   = 34.0
	barLabelMax  = 34 // runes of a label before it is cut short
	barMinLength = 2.0
)

// barColours are the colours of the series in turn, each at least 4.5:1
// against white, so that also a thin bar stands out.
var barColours = []string{"#1e6b3a", "#8a4b0b", "#0b5a8a", "#6a3d9a"}

// BarChartSVG draws the chart as a self-contained SVG with role="img", a
// title and a description that holds every figure in words, so that it
// needs no JavaScript and no style attribute (the Content-Security-Policy
// forbids inline styles): colours and fonts are presentation attributes.
// Every bar has its own tooltip title. The chart is empty ("") when there
// are no groups.
func BarChartSVG(c BarChart) template.HTML {
	if len(c.Groups) == 0 || len(c.Series) == 0 {
		return ""
	}
	n := len(c.Series)
	groupH := float64(n)*barH + float64(n-1)*barGap
	height := barLegendH + float64(len(c.Groups))*(groupH+barGroupGap) + 4
	lo, hi := int64(0), int64(0)
	for _, g := range c.Groups {
		for _, v := range g.Values {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	span := float64(hi - lo)
	if span == 0 {
		span = 1
	}
	unit := (barW - barLeft - barValueW) / span
	zero := barLeft + float64(-lo)*unit
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	esc := html.EscapeString
	titleID, descID := c.ID+"-title", c.ID+"-desc"

	var b strings.Builder
	b.Grow(4 << 10)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(barW) + ` ` + num(height) +
		`" width="100%" role="img" aria-labelledby="` + esc(titleID) + ` ` + esc(descID) + `" font-family="sans-serif" font-size="14" fill="` + colText + `">` + "\n")
	b.WriteString(`<title id="` + esc(titleID) + `">` + esc(c.Title) + "</title>\n")
	b.WriteString(`<desc id="` + esc(descID) + `">` + esc(barSummary(c)) + "</desc>\n")

	// The legend: a square in the series' colour and its name.
	x := barLeft
	for i, s := range c.Series {
		b.WriteString(`<rect x="` + num(x) + `" y="8" width="14" height="14" fill="` + barColours[i%len(barColours)] + `"/>` + "\n")
		b.WriteString(`<text x="` + num(x+20) + `" y="20">` + esc(s) + "</text>\n")
		x += 20 + 9*float64(len([]rune(s))) + 24
	}

	// The zero line, when some value is below zero.
	if lo < 0 {
		b.WriteString(`<line x1="` + num(zero) + `" y1="` + num(barLegendH-4) + `" x2="` + num(zero) + `" y2="` + num(height-4) + `" stroke="#5c5c5c" stroke-width="1"/>` + "\n")
	}
	for gi, g := range c.Groups {
		top := barLegendH + float64(gi)*(groupH+barGroupGap)
		label := []rune(g.Label)
		short := g.Label
		if len(label) > barLabelMax {
			short = string(label[:barLabelMax-1]) + "…"
		}
		b.WriteString(`<g class="bar-group">` + "\n")
		b.WriteString(`<text x="` + num(barLabelW) + `" y="` + num(top+groupH/2+5) + `" text-anchor="end" font-weight="bold">` + esc(short))
		if short != g.Label {
			b.WriteString(`<title>` + esc(g.Label) + `</title>`)
		}
		b.WriteString("</text>\n")
		for i := range c.Series {
			var v int64
			text := ""
			if i < len(g.Values) {
				v = g.Values[i]
			}
			if i < len(g.Texts) {
				text = g.Texts[i]
			}
			y := top + float64(i)*(barH+barGap)
			w := max(float64(abs64(v))*unit, barMinLength)
			bx := zero
			if v < 0 {
				bx = zero - w
			}
			colour := barColours[i%len(barColours)]
			b.WriteString(`<rect class="bar" x="` + num(bx) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(barH) + `" fill="` + colour + `">`)
			b.WriteString(`<title>` + esc(g.Label+", "+c.Series[i]+": "+text) + "</title></rect>\n")
			tx, anchor := bx+w+6, "start"
			if v < 0 {
				tx, anchor = bx-6, "end"
				if tx < barLeft+40 {
					tx, anchor = zero+6, "start"
				}
			}
			b.WriteString(`<text x="` + num(tx) + `" y="` + num(y+barH-4) + `" text-anchor="` + anchor + `">` + esc(text) + "</text>\n")
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text was escaped above
}

// barSummary is the chart's description for screen readers: the caller's
// text, then every group with its figures.
func barSummary(c BarChart) string {
	var s strings.Builder
	s.WriteString(c.Desc)
	for _, g := range c.Groups {
		if s.Len() > 0 {
			s.WriteString(" ")
		}
		s.WriteString(g.Label + ": ")
		for i, name := range c.Series {
			if i > 0 {
				s.WriteString(", ")
			}
			t := ""
			if i < len(g.Texts) {
				t = g.Texts[i]
			}
			s.WriteString(name + " " + t)
		}
		s.WriteString(".")
	}
	return s.String()
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
