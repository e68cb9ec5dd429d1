package web

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wei-platform/wei/proces"
)

// FlowLabels are the texts of the flow chart in the page's language; the
// handler fills them from the locale. Phase names the phases and Ended;
// Initiatives and People are the nouns after a count ("3 initiatieven").
type FlowLabels struct {
	Title, Desc                              string
	Phase                                    map[proces.Phase]string
	Instroom, Uitstroom, Initiatives, People string
}

// The ids of the chart's title and description. There is one chart per
// page; a page with two would need a prefix.
const (
	flowTitleID = "flow-title"
	flowDescID  = "flow-desc"
)

// Layout of the chart, in viewBox units (960 x 420).
const (
	flowW, flowH   = 960, 420
	flowCol0       = 100.0 // centre of the first column
	flowColStep    = 190.0 // distance between columns
	flowNodeW      = 16.0
	flowMidY       = 205.0 // vertical centre of the nodes
	flowNodeMaxH   = 150.0
	flowNodeMinH   = 6.0
	flowLinkMaxW   = 32.0
	flowLinkMinW   = 2.0
	flowBandMaxW   = 36.0
	flowBandMinW   = 2.0
	flowBandShift  = 40.0  // how far a band bends sideways
	flowInTopY     = 84.0  // where the instroom bands start
	flowOutBottomY = 368.0 // where the uitstroom bands end
)

// Colours, all at least 3:1 against white after their opacity, and text
// at least 4.5:1.
const (
	colNode     = "#0d4a5e"
	colEnded    = "#5c5c5c"
	colForward  = "#0b5a8a"
	colBackward = "#6a3d9a"
	colToEnded  = "#5c5c5c"
	colIn       = "#1e6b3a"
	colOut      = "#8a4b0b"
	colText     = "#1a1a1a"
	flowOpacity = "0.8"
)

// flowLink is one drawn transition.
type flowLink struct {
	t        proces.Transition
	from, to int // column of each end; the Ended node is column 4
	w        float64
	back     bool
	ys, yt   float64 // y of each end, after stacking
}

// FlowSVG draws the flow figures as a Sankey-style chart: a column per
// phase plus one for Ended, each node as high as the number of initiatives
// in the phase during the period; a curved link per transition, as wide as
// its count; and per phase an instroom band from above and an uitstroom
// band below, as wide as their counts. The SVG is self-contained and has no
// style attributes or elements, so a strict Content-Security-Policy allows
// it; all text is escaped.
func FlowSVG(f proces.Figures, labels FlowLabels) template.HTML {
	phases := proces.FlowPhases
	rows := make([]proces.PhaseFigures, len(phases))
	for i, ph := range phases {
		rows[i] = f.Phase(ph)
	}
	name := func(ph proces.Phase) string {
		if s := labels.Phase[ph]; s != "" {
			return s
		}
		return string(ph)
	}
	noun := func(s, fallback string) string { return cmp.Or(s, fallback) }
	lInit, lPeople := noun(labels.Initiatives, "initiatives"), noun(labels.People, "people")
	lIn, lOut := noun(labels.Instroom, "instroom"), noun(labels.Uitstroom, "uitstroom")

	// Scales.
	maxNode, maxLink, maxBand := 1, 1, 1
	for _, r := range rows {
		maxNode = max(maxNode, r.InitiativesDuring)
		maxBand = max(maxBand, r.Instroom, r.Uitstroom)
	}
	for _, t := range f.Transitions {
		maxLink = max(maxLink, t.Count)
	}
	nodeUnit := flowNodeMaxH / float64(maxNode)
	linkUnit := min(nodeUnit, flowLinkMaxW/float64(maxLink))
	bandUnit := flowBandMaxW / float64(maxBand)
	width := func(n int, unit, least float64) float64 { return max(float64(n)*unit, least) }

	cx := func(col int) float64 { return flowCol0 + float64(col)*flowColStep }
	nodeH := make([]float64, len(phases))
	for i, r := range rows {
		nodeH[i] = width(r.InitiativesDuring, nodeUnit, flowNodeMinH)
	}

	// Links, stacked on each side of a node around its centre.
	var links []*flowLink
	for _, t := range f.Transitions {
		a, b := t.From.Index(), t.To.Index()
		if t.Count <= 0 || a < 0 || b < 0 || a == b {
			continue
		}
		links = append(links, &flowLink{t: t, from: a, to: b, w: width(t.Count, linkUnit, flowLinkMinW), back: b < a})
	}
	type end struct {
		l      *flowLink
		source bool
		other  int
	}
	right := make([][]end, len(phases)) // ends on the right side of a node
	left := make([][]end, len(phases))
	for _, l := range links {
		if l.back {
			left[l.from] = append(left[l.from], end{l, true, l.to})
			right[l.to] = append(right[l.to], end{l, false, l.from})
		} else {
			right[l.from] = append(right[l.from], end{l, true, l.to})
			left[l.to] = append(left[l.to], end{l, false, l.from})
		}
	}
	stack := func(ends []end) {
		slices.SortStableFunc(ends, func(a, b end) int {
			// Forward links above moves back; nearer columns first.
			return cmp.Or(cmp.Compare(b2i(a.l.back), b2i(b.l.back)), cmp.Compare(a.other, b.other))
		})
		total := 0.0
		for _, e := range ends {
			total += e.l.w
		}
		total += 2 * float64(max(len(ends)-1, 0))
		y := flowMidY - total/2
		for _, e := range ends {
			if e.source {
				e.l.ys = y + e.l.w/2
			} else {
				e.l.yt = y + e.l.w/2
			}
			y += e.l.w + 2
		}
	}
	for i := range phases {
		stack(right[i])
		stack(left[i])
	}

	var b strings.Builder
	b.Grow(8 << 10)
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	text := func(x, y float64, anchor, size, weight, s string) {
		b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `" font-size="` + size + `"`)
		if weight != "" {
			b.WriteString(` font-weight="` + weight + `"`)
		}
		b.WriteString(` fill="` + colText + `">` + html.EscapeString(s) + "</text>\n")
	}

	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(flowW) + ` ` + strconv.Itoa(flowH) +
		`" width="100%" role="img" aria-labelledby="` + flowTitleID + ` ` + flowDescID + `" font-family="sans-serif">` + "\n")
	b.WriteString(`<title id="` + flowTitleID + `">` + html.EscapeString(labels.Title) + "</title>\n")
	b.WriteString(`<desc id="` + flowDescID + `">` + html.EscapeString(flowSummary(f, rows, labels.Desc, name, lInit, lPeople, lIn, lOut)) + "</desc>\n")

	// Links first, so that nodes and bands are drawn over their ends; wide
	// links before narrow ones, so that none hides another.
	drawn := slices.Clone(links)
	slices.SortStableFunc(drawn, func(a, b *flowLink) int { return cmp.Compare(b.w, a.w) })
	var placed []labelBox
	b.WriteString(`<g fill="none" stroke-opacity="` + flowOpacity + `">` + "\n")
	for _, l := range drawn {
		xs, xt := cx(l.from)+flowNodeW/2, cx(l.to)-flowNodeW/2
		colour, arrow := colForward, "→ "
		bow := 0.0
		switch {
		case l.back:
			xs, xt = cx(l.from)-flowNodeW/2, cx(l.to)+flowNodeW/2
			colour, arrow, bow = colBackward, "← ", 60
		case l.t.To == proces.PhaseEnded:
			colour = colToEnded
		}
		if span := max(l.to-l.from, l.from-l.to); span > 1 {
			// Pass below the nodes in between; longer links lower, so
			// that they nest.
			bow = 100 + 25*float64(span-2)
		}
		dx := (xt - xs) * 0.4
		c1x, c1y, c2x, c2y := xs+dx, l.ys+bow, xt-dx, l.yt+bow
		b.WriteString(`<path class="flow-link" d="M` + num(xs) + " " + num(l.ys) + " C" + num(c1x) + " " + num(c1y) + " " +
			num(c2x) + " " + num(c2y) + " " + num(xt) + " " + num(l.yt) + `" stroke="` + colour + `" stroke-width="` + num(l.w) + `">`)
		b.WriteString("<title>" + html.EscapeString(name(l.t.From)+" → "+name(l.t.To)+": "+strconv.Itoa(l.t.Count)) + "</title></path>\n")
		// The label sits at the middle of the curve: above a straight
		// link, below a bent one, and lower still when another label is
		// in the way.
		label := arrow + strconv.Itoa(l.t.Count)
		gapX := (cx(l.from) + cx(l.to)) / 2
		if (l.to-l.from)%2 == 0 {
			// The middle is a column, with its uitstroom band: use the
			// gap next to it, on the side of the target.
			gapX += math.Copysign(flowColStep/2, float64(l.to-l.from))
		}
		mx, my := bezierAtX(gapX, [4]float64{xs, c1x, c2x, xt}, [4]float64{l.ys, c1y, c2y, l.yt})
		if bow == 0 {
			my -= l.w/2 + 4
		} else {
			my += l.w/2 + 14
		}
		box := labelBox{x: mx - 4*float64(len([]rune(label))), y: my - 12, w: 8 * float64(len([]rune(label))), h: 15}
		for range 8 {
			if !slices.ContainsFunc(placed, box.overlaps) {
				break
			}
			box.y += 15
		}
		placed = append(placed, box)
		text(mx, box.y+12, "middle", "13", "", label)
	}
	b.WriteString("</g>\n")

	// Instroom and uitstroom bands.
	b.WriteString(`<g fill="none" stroke-opacity="` + flowOpacity + `">` + "\n")
	for i, r := range rows {
		x, top, bottom := cx(i), flowMidY-nodeH[i]/2, flowMidY+nodeH[i]/2
		if r.Instroom > 0 {
			w := width(r.Instroom, bandUnit, flowBandMinW)
			mid := (flowInTopY + top) / 2
			b.WriteString(`<path class="flow-in" d="M` + num(x-flowBandShift) + " " + num(flowInTopY) + " C" + num(x-flowBandShift) + " " + num(mid) + " " +
				num(x) + " " + num(mid) + " " + num(x) + " " + num(top) + `" stroke="` + colIn + `" stroke-width="` + num(w) + `"/>` + "\n")
		}
		if r.Uitstroom > 0 {
			w := width(r.Uitstroom, bandUnit, flowBandMinW)
			mid := (bottom + flowOutBottomY) / 2
			b.WriteString(`<path class="flow-out" d="M` + num(x) + " " + num(bottom) + " C" + num(x) + " " + num(mid) + " " +
				num(x+flowBandShift) + " " + num(mid) + " " + num(x+flowBandShift) + " " + num(flowOutBottomY) + `" stroke="` + colOut + `" stroke-width="` + num(w) + `"/>` + "\n")
		}
	}
	b.WriteString("</g>\n")

	// Nodes and their labels.
	for i, r := range rows {
		x, h := cx(i), nodeH[i]
		fill := colNode
		if r.Phase == proces.PhaseEnded {
			fill = colEnded
		}
		stroke := ""
		if r.InitiativesDuring == 0 {
			// An empty phase: an outline, still visible and labelled.
			stroke = ` stroke="` + fill + `" stroke-width="1.5"`
			fill = "#ffffff"
		}
		b.WriteString(`<rect class="flow-node" x="` + num(x-flowNodeW/2) + `" y="` + num(flowMidY-h/2) + `" width="` + num(flowNodeW) +
			`" height="` + num(h) + `" fill="` + fill + `"` + stroke + `/>` + "\n")
		text(x, 20, "middle", "15", "bold", name(r.Phase))
		text(x, 38, "middle", "13", "", strconv.Itoa(r.InitiativesDuring)+" "+lInit)
		text(x, 56, "middle", "13", "", strconv.Itoa(r.People)+" "+lPeople)
		if r.Phase != proces.PhaseEnded || r.Instroom > 0 {
			text(x-flowBandShift, 76, "middle", "13", "", lIn+" "+strconv.Itoa(r.Instroom))
		}
		if r.Phase != proces.PhaseEnded || r.Uitstroom > 0 {
			text(x+flowBandShift, flowOutBottomY+18, "middle", "13", "", lOut+" "+strconv.Itoa(r.Uitstroom))
		}
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text was escaped above
}

// flowSummary is the chart's description for screen readers: the caller's
// text, then the figures per phase and the transitions in words.
func flowSummary(f proces.Figures, rows []proces.PhaseFigures, desc string, name func(proces.Phase) string, lInit, lPeople, lIn, lOut string) string {
	var s strings.Builder
	s.WriteString(desc)
	for _, r := range rows {
		if s.Len() > 0 {
			s.WriteString(" ")
		}
		s.WriteString(name(r.Phase) + ": " + strconv.Itoa(r.InitiativesDuring) + " " + lInit + ", " + strconv.Itoa(r.People) + " " + lPeople +
			", " + lIn + " " + strconv.Itoa(r.Instroom) + ", " + lOut + " " + strconv.Itoa(r.Uitstroom) + ".")
	}
	for _, t := range f.Transitions {
		s.WriteString(" " + name(t.From) + " → " + name(t.To) + ": " + strconv.Itoa(t.Count) + ".")
	}
	return s.String()
}

// bezierAtX returns the point of the cubic Bezier curve with control
// points xs, ys whose x is nearest to x; the x of the curves drawn here
// only grows (or only shrinks), so a bisection finds it.
func bezierAtX(x float64, xs, ys [4]float64) (float64, float64) {
	at := func(p [4]float64, t float64) float64 {
		u := 1 - t
		return u*u*u*p[0] + 3*u*u*t*p[1] + 3*u*t*t*p[2] + t*t*t*p[3]
	}
	lo, hi := 0.0, 1.0
	rising := xs[3] >= xs[0]
	for range 30 {
		mid := (lo + hi) / 2
		if (at(xs, mid) < x) == rising {
			lo = mid
		} else {
			hi = mid
		}
	}
	t := (lo + hi) / 2
	return at(xs, t), at(ys, t)
}

// labelBox is the space a link label takes, roughly.
type labelBox struct{ x, y, w, h float64 }

func (a labelBox) overlaps(b labelBox) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
