package web

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei/proces"
)

func flowLabelsNL() FlowLabels {
	return FlowLabels{
		Title: "Stroom van initiatieven en bewoners",
		Desc:  "Februari tot en met april 2025.",
		Phase: map[proces.Phase]string{
			proces.PhaseInformatie: "Informatiefase",
			proces.PhaseOntstaan:   "Ontstaansfase",
			proces.PhaseOntwikkel:  "Ontwikkelfase",
			proces.PhaseAutonoom:   "Autonome fase",
			proces.PhaseEnded:      "Beëindigd",
		},
		Instroom: "instroom", Uitstroom: "uitstroom", Initiatives: "initiatieven", People: "bewoners",
	}
}

// flowFigures has a move forward, a move back, a skip, an ending and a
// reopening, and an empty phase (autonoom).
func flowFigures() proces.Figures {
	return proces.Figures{
		Phases: []proces.PhaseFigures{
			{Phase: proces.PhaseInformatie, InitiativesDuring: 3, People: 3, Instroom: 3, Doorstroom: 1},
			{Phase: proces.PhaseOntstaan, InitiativesDuring: 2, Instroom: 2, Doorstroom: 1, Uitstroom: 1},
			{Phase: proces.PhaseOntwikkel, InitiativesDuring: 2, People: 2},
			{Phase: proces.PhaseAutonoom},
			{Phase: proces.PhaseEnded, InitiativesDuring: 1, People: 1, Uitstroom: 1},
		},
		Transitions: []proces.Transition{
			{From: proces.PhaseInformatie, To: proces.PhaseOntstaan, Count: 2},
			{From: proces.PhaseInformatie, To: proces.PhaseOntwikkel, Count: 1},
			{From: proces.PhaseOntstaan, To: proces.PhaseOntwikkel, Count: 1},
			{From: proces.PhaseOntstaan, To: proces.PhaseInformatie, Count: 1},
			{From: proces.PhaseEnded, To: proces.PhaseOntwikkel, Count: 1},
			{From: proces.PhaseOntwikkel, To: proces.PhaseEnded, Count: 1},
			{From: proces.PhaseAutonoom, To: proces.PhaseEnded, Count: 0}, // not drawn
		},
	}
}

// svgElem is an element of the chart with its attributes and text.
type svgElem struct {
	name  string
	attrs map[string]string
	text  string
	// inherited are the attributes of the enclosing groups.
	inherited map[string]string
}

// walkSVG decodes s as XML and returns its elements in document order.
func walkSVG(t *testing.T, s string) []*svgElem {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var (
		out   []*svgElem
		stack []*svgElem
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElem{name: tok.Name.Local, attrs: map[string]string{}, inherited: map[string]string{}}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				for k, v := range p.inherited {
					e.inherited[k] = v
				}
				for k, v := range p.attrs {
					e.inherited[k] = v
				}
			}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if len(out) == 0 || out[0].name != "svg" {
		t.Fatalf("no svg root element:\n%s", s)
	}
	return out
}

func TestFlowSVG(t *testing.T) {
	t.Parallel()
	labels := flowLabelsNL()
	s := string(FlowSVG(flowFigures(), labels))
	els := walkSVG(t, s)

	root := els[0]
	for k, want := range map[string]string{"role": "img", "aria-labelledby": "flow-title flow-desc", "viewBox": "0 0 960 420", "width": "100%"} {
		if got := root.attrs[k]; got != want {
			t.Errorf("svg %s=%q, want %q", k, got, want)
		}
	}
	ids := map[string]*svgElem{}
	count := map[string]int{}
	for _, e := range els {
		if id := e.attrs["id"]; id != "" {
			if ids[id] != nil {
				t.Errorf("id %q appears twice", id)
			}
			ids[id] = e
		}
		count[e.name+"."+e.attrs["class"]]++
	}
	if e := ids["flow-title"]; e == nil || e.name != "title" || e.text != labels.Title {
		t.Errorf("title element=%+v, want <title id=flow-title>%s", e, labels.Title)
	}
	if e := ids["flow-desc"]; e == nil || e.name != "desc" || !strings.HasPrefix(e.text, labels.Desc) ||
		!strings.Contains(e.text, "Informatiefase: 3 initiatieven, 3 bewoners, instroom 3, uitstroom 0.") ||
		!strings.Contains(e.text, "Ontstaansfase → Informatiefase: 1.") {
		t.Errorf("desc element=%+v, want the description and the figures in words", e)
	}
	// Six non-zero transitions, one path each; bands only where non-zero.
	want := map[string]int{"path.flow-link": 6, "path.flow-in": 2, "path.flow-out": 2, "rect.flow-node": 5}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s elements=%d, want %d", k, count[k], n)
		}
	}
	for _, label := range []string{"Informatiefase", "Beëindigd", "3 initiatieven", "instroom 3", "uitstroom 1", "→ 2", "← 1"} {
		if !hasText(els, label) {
			t.Errorf("no <text> %q", label)
		}
	}
	checkNoStyle(t, s, els)
	checkContrast(t, els)
}

func TestFlowSVGLinkWidths(t *testing.T) {
	t.Parallel()
	els := walkSVG(t, string(FlowSVG(flowFigures(), flowLabelsNL())))
	widths := map[string]float64{}
	for i, e := range els {
		if e.attrs["class"] == "flow-link" {
			w, err := strconv.ParseFloat(e.attrs["stroke-width"], 64)
			if err != nil {
				t.Fatal(err)
			}
			if i+1 >= len(els) || els[i+1].name != "title" {
				t.Fatalf("link %d has no <title>", i)
			}
			widths[els[i+1].text] = w
		}
	}
	one := widths["Ontstaansfase → Informatiefase: 1"]
	want := map[string]float64{
		"Informatiefase → Ontstaansfase: 2": 2 * one,
		"Informatiefase → Ontwikkelfase: 1": one,
		"Ontstaansfase → Ontwikkelfase: 1":  one,
		"Ontstaansfase → Informatiefase: 1": one,
		"Beëindigd → Ontwikkelfase: 1":      one,
		"Ontwikkelfase → Beëindigd: 1":      one,
	}
	if diff := cmp.Diff(want, widths); diff != "" || one <= 0 {
		t.Errorf("link widths not proportional to the counts (-want +got):\n%s", diff)
	}
}

func TestFlowSVGEscapes(t *testing.T) {
	t.Parallel()
	labels := flowLabelsNL()
	labels.Phase[proces.PhaseOntstaan] = `<script>alert("x")</script> & co`
	labels.Title = "Title <b>"
	s := string(FlowSVG(flowFigures(), labels))
	if strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
		t.Errorf("label text was not escaped:\n%s", s)
	}
	if !strings.Contains(s, "&lt;script&gt;") {
		t.Errorf("escaped label missing:\n%s", s)
	}
	els := walkSVG(t, s)
	if !hasText(els, `<script>alert("x")</script> & co`) {
		t.Error("escaped label does not read back as the original text")
	}
}

func TestFlowSVGZero(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]proces.Figures{
		"zero value":  {},
		"zero phases": {Phases: flowFigures().Phases[:0], Transitions: []proces.Transition{}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := string(FlowSVG(f, FlowLabels{}))
			els := walkSVG(t, s)
			var nodes, links int
			for _, e := range els {
				switch e.attrs["class"] {
				case "flow-node":
					nodes++
					if h, _ := strconv.ParseFloat(e.attrs["height"], 64); h <= 0 {
						t.Errorf("empty node has height %q, want a visible one", e.attrs["height"])
					}
				case "flow-link", "flow-in", "flow-out":
					links++
				}
			}
			if nodes != 5 || links != 0 {
				t.Errorf("nodes=%d links=%d, want 5 and 0", nodes, links)
			}
			// Without labels the phases are named by their code.
			for _, ph := range proces.FlowPhases {
				if !hasText(els, string(ph)) {
					t.Errorf("no label for %s", ph)
				}
			}
			checkNoStyle(t, s, els)
			checkContrast(t, els)
		})
	}
}

func hasText(els []*svgElem, s string) bool {
	for _, e := range els {
		if e.name == "text" && e.text == s {
			return true
		}
	}
	return false
}

// checkNoStyle fails on a style element or attribute, which the page's
// Content-Security-Policy would block, and on script or external refs.
func checkNoStyle(t *testing.T, s string, els []*svgElem) {
	t.Helper()
	for _, e := range els {
		if e.name == "style" || e.name == "script" || e.name == "foreignObject" || e.name == "image" || e.name == "use" {
			t.Errorf("element <%s> not allowed", e.name)
		}
		for k := range e.attrs {
			if k == "style" || k == "href" || strings.HasPrefix(k, "on") {
				t.Errorf("<%s> has attribute %s", e.name, k)
			}
		}
	}
	if strings.Contains(s, "style") {
		t.Error(`the SVG contains "style"`)
	}
}

// checkContrast checks every fill and stroke against a white background,
// after opacity: at least 4.5:1 for text and 3:1 for graphics.
func checkContrast(t *testing.T, els []*svgElem) {
	t.Helper()
	attr := func(e *svgElem, k string) string {
		if v, ok := e.attrs[k]; ok {
			return v
		}
		return e.inherited[k]
	}
	for _, e := range els {
		for _, k := range []string{"fill", "stroke"} {
			c := attr(e, k)
			if c == "" || c == "none" || (k == "fill" && c == "#ffffff" && e.name == "rect") {
				continue
			}
			if e.name == "svg" || e.name == "g" {
				continue
			}
			alpha := 1.0
			for _, o := range []string{"opacity", k + "-opacity"} {
				if v := attr(e, o); v != "" {
					a, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("<%s> %s=%q: %v", e.name, o, v, err)
					}
					alpha *= a
				}
			}
			ratio := contrastOnWhite(t, c, alpha)
			least := 3.0
			if e.name == "text" {
				least = 4.5
			}
			if ratio < least {
				t.Errorf("<%s class=%q> %s=%s opacity %.2f: contrast %.2f:1, want >= %.1f:1", e.name, e.attrs["class"], k, c, alpha, ratio, least)
			}
		}
	}
}

func contrastOnWhite(t *testing.T, hex string, alpha float64) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		c := (alpha*float64(v) + (1-alpha)*255) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}

func TestContrastOnWhite(t *testing.T) {
	t.Parallel()
	got := []float64{contrastOnWhite(t, "#000000", 1), contrastOnWhite(t, "#ffffff", 1), contrastOnWhite(t, "#000000", 0)}
	want := []float64{21, 1, 1}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })); diff != "" {
		t.Errorf("contrastOnWhite mismatch (-want +got):\n%s", diff)
	}
}
