package cbs

import (
	"math"
	"slices"
	"testing"
)

func square(code string, minLon, minLat, maxLon, maxLat float64, holes ...Ring) Shape {
	s := Shape{Code: code, Polygons: []Polygon{append(Polygon{{
		{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, minLat},
	}}, holes...)}}
	s.computeBBox()
	return s
}

func TestLocate(t *testing.T) {
	t.Parallel()
	hole := Ring{{5.2, 52.2}, {5.4, 52.2}, {5.4, 52.4}, {5.2, 52.4}, {5.2, 52.2}}
	s := square("BU00000001", 5, 52, 6, 53, hole)
	// A second polygon inside the hole: a MultiPolygon whose island sits in
	// its own hole, as the demo's Sluispark does in Molenkwartier.
	m := s
	m.Polygons = append(slices.Clone(s.Polygons), Polygon{{{5.25, 52.25}, {5.35, 52.25}, {5.35, 52.35}, {5.25, 52.35}}})
	m.computeBBox()
	tests := []struct {
		name  string
		shape Shape
		p     Point
		want  Where
	}{
		{"inside", s, Point{5.5, 52.5}, Inside},
		{"outside east", s, Point{6.5, 52.5}, Outside},
		{"outside, level with an edge", s, Point{4, 52}, Outside},
		{"in the hole", s, Point{5.3, 52.3}, Outside},
		{"on the outer edge", s, Point{5, 52.5}, OnBorder},
		{"on a corner", s, Point{6, 53}, OnBorder},
		{"on the edge of the hole", s, Point{5.3, 52.2}, OnBorder},
		{"within the tolerance of an edge", s, Point{6 + BorderTolerance/2, 52.5}, OnBorder},
		{"just beyond the tolerance", s, Point{6 + 10*BorderTolerance, 52.5}, Outside},
		{"multipolygon island", m, Point{5.3, 52.3}, Inside},
		{"multipolygon between island and hole edge", m, Point{5.22, 52.3}, Outside},
		{"multipolygon main part", m, Point{5.8, 52.8}, Inside},
	}
	for _, tt := range tests {
		if got := tt.shape.Locate(tt.p); got != tt.want {
			t.Errorf("%s: Locate(%v)=%d, want %d", tt.name, tt.p, got, tt.want)
		}
	}
}

// TestFindBorderRule: a point on the border two buurten share belongs to
// the buurt with the lowest code, whatever the order of the shapes.
func TestFindBorderRule(t *testing.T) {
	t.Parallel()
	west := square("BU03630102", 5.0, 52.0, 5.1, 52.1)
	east := square("BU03630101", 5.1, 52.0, 5.2, 52.1)
	for _, order := range [][]Shape{{west, east}, {east, west}} {
		cases := []struct {
			p    Point
			want string
		}{
			{Point{5.1, 52.05}, "BU03630101"},  // on the shared border
			{Point{5.1, 52.1}, "BU03630101"},   // a shared corner
			{Point{5.05, 52.05}, "BU03630102"}, // inside west
			{Point{5.15, 52.05}, "BU03630101"}, // inside east
			{Point{5.0, 52.05}, "BU03630102"},  // the outer edge of west only
			{Point{5.3, 52.05}, ""},            // outside both
		}
		for _, c := range cases {
			i := Find(order, c.p)
			got := ""
			if i >= 0 {
				got = order[i].Code
			}
			if got != c.want {
				t.Errorf("Find(%v) with %s first = %q, want %q", c.p, order[0].Code, got, c.want)
			}
		}
	}
}

func TestGeometryRoundTrip(t *testing.T) {
	t.Parallel()
	hole := Ring{{5.2, 52.2}, {5.4, 52.2}, {5.4, 52.4}, {5.2, 52.4}, {5.2, 52.2}}
	s := square("BU00000001", 5.123456789, 52, 6, 53, hole)
	s.Polygons = append(s.Polygons, Polygon{{{7, 50}, {7.5, 50}, {7.5, 50.5}, {7, 50}}})
	s.computeBBox()
	var back Shape
	if err := ParseGeometry(s.GeometryJSON(), &back); err != nil {
		t.Fatalf("ParseGeometry(GeometryJSON()): %v", err)
	}
	if len(back.Polygons) != 2 || len(back.Polygons[0]) != 2 || len(back.Polygons[1][0]) != 4 {
		t.Fatalf("polygons=%v, want 2 polygons, the first with a hole", back.Polygons)
	}
	for i, poly := range s.Polygons {
		for j, r := range poly {
			for k, p := range r {
				q := back.Polygons[i][j][k]
				if math.Abs(p.Lon-q.Lon) > 0.6e-7 || math.Abs(p.Lat-q.Lat) > 0.6e-7 {
					t.Errorf("point %d/%d/%d: %v became %v", i, j, k, p, q)
				}
			}
		}
	}
	if back.BBox.MaxLon != 7.5 || back.BBox.MinLat != 50 {
		t.Errorf("BBox=%+v, want it computed", back.BBox)
	}
	for _, bad := range []string{`{"type":"Point","coordinates":[5,52]}`, `{"type":"Polygon","coordinates":[[[5,52],[6,52]]]}`, `nonsense`, `{"type":"Polygon","coordinates":[]}`} {
		if err := ParseGeometry([]byte(bad), &back); err == nil {
			t.Errorf("ParseGeometry(%s): no error", bad)
		}
	}
}
