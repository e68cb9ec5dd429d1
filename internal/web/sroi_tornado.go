package web

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// TornadoChart is a tornado chart of a sensitivity analysis, drawn on the
// server: one bar per assumption, from the ratio with the assumption
// moved one way to the ratio with it moved the other way, the largest
// swing on top, around a line at the calculated ratio and a line at 1,0
// (the break-even of the social return). The handler writes every text
// in the page's language; the chart formats no numbers.
type TornadoChart struct {
	ID          string // prefixes the ids of the title and description
	Title, Desc string
	Base        float64 // the calculated ratio
	BaseText    string  // "berekend: 1,40"
	OneText     string  // "1,0: break-even"
	Bars        []TornadoBar
}

// TornadoBar is one assumption: the ratios at its two ends, and the text
// of its tooltip and description ("attributie 15% → 1,52; 35% → 1,28").
type TornadoBar struct {
	Label     string
	Low, High float64
	Text      string
}

// tornadoMaxBars is how many bars the chart draws; the table beside it
// lists them all.
const tornadoMaxBars = 12

// Layout of the tornado chart, in viewBox units.
const (
	tornadoW      = 960
	tornadoLabelW = 330.0 // labels right-aligned to this x
	tornadoLeft   = 342.0 // where the scale starts
	tornadoRight  = 900.0 // where it ends; room for a value after the longest bar
	tornadoTop    = 40.0  // room for the line labels
	tornadoBarH   = 20.0
	tornadoGap    = 10.0
	tornadoLabel  = 44 // runes of a label before it is cut short
)

// Colours: the part of a bar below the calculated ratio, the part above
// it, and the break-even line; each at least 4.5:1 against white.
const (
	tornadoDown = "#8a4b0b"
	tornadoUp   = "#0b5a8a"
	tornadoOne  = "#a4262c"
)

// TornadoSVG draws the chart as a self-contained SVG with role="img", a
// title and a description that holds every bar in words; no script and
// no style attribute. It is empty when there are no bars.
func TornadoSVG(c TornadoChart) template.HTML {
	if len(c.Bars) == 0 {
		return ""
	}
	lo, hi := min(c.Base, 1), max(c.Base, 1)
	for _, b := range c.Bars {
		lo, hi = min(lo, b.Low, b.High), max(hi, b.Low, b.High)
	}
	if lo > 0 {
		lo = 0 // the scale starts at a ratio of 0, so that bar lengths compare
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	x := func(v float64) float64 { return tornadoLeft + (v-lo)/span*(tornadoRight-tornadoLeft) }
	height := tornadoTop + float64(len(c.Bars))*(tornadoBarH+tornadoGap) + 8
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	esc := html.EscapeString
	titleID, descID := c.ID+"-title", c.ID+"-desc"

	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(tornadoW) + ` ` + num(height) +
		`" width="100%" role="img" aria-labelledby="` + esc(titleID) + ` ` + esc(descID) + `" font-family="sans-serif" font-size="14" fill="` + colText + `">` + "\n")
	b.WriteString(`<title id="` + esc(titleID) + `">` + esc(c.Title) + "</title>\n")
	desc := c.Desc
	for _, bar := range c.Bars {
		desc += " " + bar.Label + ": " + bar.Text + "."
	}
	b.WriteString(`<desc id="` + esc(descID) + `">` + esc(desc) + "</desc>\n")

	// The bars.
	bx := x(c.Base)
	for i, bar := range c.Bars {
		y := tornadoTop + float64(i)*(tornadoBarH+tornadoGap)
		label := []rune(bar.Label)
		short := bar.Label
		if len(label) > tornadoLabel {
			short = string(label[:tornadoLabel-1]) + "…"
		}
		b.WriteString(`<g class="tornado-bar">` + "\n")
		b.WriteString(`<text x="` + num(tornadoLabelW) + `" y="` + num(y+tornadoBarH-5) + `" text-anchor="end">` + esc(short))
		if short != bar.Label {
			b.WriteString(`<title>` + esc(bar.Label) + `</title>`)
		}
		b.WriteString("</text>\n")
		left, right := min(bar.Low, bar.High), max(bar.Low, bar.High)
		tip := `<title>` + esc(bar.Label+": "+bar.Text) + `</title>`
		if left < c.Base {
			w := max(bx-x(left), 1)
			b.WriteString(`<rect x="` + num(bx-w) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(tornadoBarH) + `" fill="` + tornadoDown + `">` + tip + "</rect>\n")
		}
		if right > c.Base {
			w := max(x(right)-bx, 1)
			b.WriteString(`<rect x="` + num(bx) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(tornadoBarH) + `" fill="` + tornadoUp + `">` + tip + "</rect>\n")
		}
		b.WriteString("</g>\n")
	}

	// The lines: the calculated ratio and 1,0, each with its label at the top.
	b.WriteString(`<line x1="` + num(bx) + `" y1="` + num(tornadoTop-6) + `" x2="` + num(bx) + `" y2="` + num(height-4) + `" stroke="` + colText + `" stroke-width="2"/>` + "\n")
	b.WriteString(`<text x="` + num(bx) + `" y="16" text-anchor="middle">` + esc(c.BaseText) + "</text>\n")
	ox := x(1)
	b.WriteString(`<line x1="` + num(ox) + `" y1="` + num(tornadoTop-6) + `" x2="` + num(ox) + `" y2="` + num(height-4) + `" stroke="` + tornadoOne + `" stroke-width="2" stroke-dasharray="6 4"/>` + "\n")
	anchor, ty := "middle", "32"
	if ox < bx {
		anchor = "end"
	} else if ox > bx {
		anchor = "start"
	}
	b.WriteString(`<text x="` + num(ox) + `" y="` + ty + `" text-anchor="` + anchor + `" fill="` + tornadoOne + `">` + esc(c.OneText) + "</text>\n")
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text was escaped above
}
