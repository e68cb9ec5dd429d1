package web

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func sampleBarChart() BarChart {
	return BarChart{ID: "c1", Title: "Geld per initiatief", Desc: "Erin en eruit.", Series: []string{"Erin", "Eruit"},
		Groups: []BarGroup{
			{Label: "Buurttuin", Values: []int64{130_000, 45_050}, Texts: []string{"€ 1.300,00", "€ 450,50"}},
			{Label: "Kookclub <&> een naam die veel te lang is voor de kolom met namen", Values: []int64{50_000, 0}, Texts: []string{"€ 500,00", "€ 0,00"}},
		}}
}

func TestBarChartSVG(t *testing.T) {
	t.Parallel()
	out := string(BarChartSVG(sampleBarChart()))
	els := walkSVG(t, out)
	root := els[0]
	if root.attrs["role"] != "img" || root.attrs["aria-labelledby"] != "c1-title c1-desc" {
		t.Errorf("root attrs=%v", root.attrs)
	}
	var bars []*svgElem
	ids := map[string]string{}
	for _, e := range els {
		if _, ok := e.attrs["style"]; ok || e.name == "style" || e.name == "script" {
			t.Errorf("<%s> has inline style or script", e.name)
		}
		if id := e.attrs["id"]; id != "" {
			ids[id] = e.text
		}
		if e.attrs["class"] == "bar" {
			bars = append(bars, e)
		}
	}
	if ids["c1-title"] != "Geld per initiatief" {
		t.Errorf("title=%q", ids["c1-title"])
	}
	desc := ids["c1-desc"]
	for _, want := range []string{"Erin en eruit.", "Buurttuin: Erin € 1.300,00, Eruit € 450,50.", "Kookclub <&> een naam"} {
		if !strings.Contains(desc, want) {
			t.Errorf("desc %q lacks %q", desc, want)
		}
	}
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4", len(bars))
	}
	w := func(e *svgElem) float64 {
		v, err := strconv.ParseFloat(e.attrs["width"], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Widths are proportional: 130,000 is 2.6 times 50,000; zero still shows.
	if r := w(bars[0]) / w(bars[2]); math.Abs(r-2.6) > 0.01 {
		t.Errorf("width ratio=%.3f, want 2.6", r)
	}
	if w(bars[3]) <= 0 {
		t.Errorf("a zero bar has width %v, want a sliver", w(bars[3]))
	}
	if !strings.Contains(out, "Kookclub &lt;&amp;&gt;") || strings.Contains(out, "<&>") {
		t.Errorf("label not escaped")
	}
	if !strings.Contains(out, "…") {
		t.Errorf("a long label is not cut short")
	}
	for _, e := range els {
		if e.name == "rect" {
			if r := contrastOnWhite(t, e.attrs["fill"], 1); r < 4.5 {
				t.Errorf("bar colour %s: contrast %.2f, want >= 4.5", e.attrs["fill"], r)
			}
		}
	}
}

func TestBarChartNegativeAndEmpty(t *testing.T) {
	t.Parallel()
	if got := BarChartSVG(BarChart{ID: "x", Series: []string{"a"}}); got != "" {
		t.Errorf("empty chart=%q", got)
	}
	c := BarChart{ID: "n", Title: "t", Series: []string{"Saldo"}, Groups: []BarGroup{
		{Label: "Min", Values: []int64{-100}, Texts: []string{"-1"}}, {Label: "Plus", Values: []int64{300}, Texts: []string{"3"}}}}
	els := walkSVG(t, string(BarChartSVG(c)))
	var xs []float64
	lines := 0
	for _, e := range els {
		if e.attrs["class"] == "bar" {
			x, _ := strconv.ParseFloat(e.attrs["x"], 64)
			xs = append(xs, x)
		}
		if e.name == "line" {
			lines++
		}
	}
	if len(xs) != 2 || xs[0] >= xs[1] || lines != 1 {
		t.Errorf("negative bar x=%v lines=%d: want it left of the zero line", xs, lines)
	}
}
