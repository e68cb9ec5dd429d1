package cbs

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Point is a position in WGS84: longitude and latitude in degrees.
type Point struct{ Lon, Lat float64 }

// Ring is a closed line of points. The last point may repeat the first; the
// ring is closed either way.
type Ring []Point

// Polygon is an outer ring followed by its holes.
type Polygon []Ring

// BBox is a bounding box in WGS84 degrees.
type BBox struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

// Contains reports whether p lies in the box or within BorderTolerance of it.
func (b BBox) Contains(p Point) bool {
	return p.Lon >= b.MinLon-BorderTolerance && p.Lon <= b.MaxLon+BorderTolerance &&
		p.Lat >= b.MinLat-BorderTolerance && p.Lat <= b.MaxLat+BorderTolerance
}

// Shape is the boundary of one buurt: one or more polygons (a CBS buurt can
// be in pieces, for example across a canal), each with optional holes.
type Shape struct {
	Code         string // BU + 8 characters
	Name         string
	WijkCode     string // WK + 6, may be empty
	GemeenteCode string // GM + 4
	Polygons     []Polygon
	BBox         BBox
}

// BorderTolerance is how close, in degrees, a point must be to a border to
// be on it: 1e-7 degree, about 1 cm, the precision the store keeps
// coordinates in. It absorbs rounding and the bend that converting from RD
// New puts in a straight border (a tenth of a millimetre over half a
// kilometre), and nothing a person could point at.
const BorderTolerance = 1e-7

// Where tells where a point lies relative to a shape.
type Where int

const (
	Outside Where = iota
	OnBorder
	Inside
)

// Locate tells whether p lies inside the shape, on its border (within
// BorderTolerance) or outside it. A point in a hole is outside; a point on
// the edge of a hole is on the border.
func (s *Shape) Locate(p Point) Where {
	if !s.BBox.Contains(p) {
		return Outside
	}
	best := Outside
	for _, poly := range s.Polygons {
		switch w := locatePolygon(poly, p); w {
		case Inside:
			return Inside
		case OnBorder:
			best = OnBorder
		}
	}
	return best
}

func locatePolygon(poly Polygon, p Point) Where {
	if len(poly) == 0 {
		return Outside
	}
	switch locateRing(poly[0], p) {
	case Outside:
		return Outside
	case OnBorder:
		return OnBorder
	}
	for _, hole := range poly[1:] {
		switch locateRing(hole, p) {
		case Inside:
			return Outside
		case OnBorder:
			return OnBorder
		}
	}
	return Inside
}

// locateRing runs the even-odd crossing test, checking on the way whether
// p lies on one of the ring's edges. Only edges whose latitude span (plus
// the tolerance) holds p can do either, so most edges cost two
// comparisons.
func locateRing(r Ring, p Point) Where {
	const e = BorderTolerance
	n := len(r)
	if n < 3 {
		return Outside
	}
	in := false
	a := r[n-1]
	for _, b := range r {
		lo, hi := a.Lat, b.Lat
		if lo > hi {
			lo, hi = hi, lo
		}
		if p.Lat >= lo-e && p.Lat <= hi+e {
			if onSegment(a, b, p) {
				return OnBorder
			}
			if (a.Lat > p.Lat) != (b.Lat > p.Lat) {
				x := a.Lon + (p.Lat-a.Lat)*(b.Lon-a.Lon)/(b.Lat-a.Lat)
				if p.Lon < x {
					in = !in
				}
			}
		}
		a = b
	}
	if in {
		return Inside
	}
	return Outside
}

// onSegment reports whether p is within BorderTolerance of the segment a-b.
func onSegment(a, b, p Point) bool {
	const e = BorderTolerance
	minLon, maxLon := a.Lon, b.Lon
	if minLon > maxLon {
		minLon, maxLon = maxLon, minLon
	}
	if p.Lon < minLon-e || p.Lon > maxLon+e {
		return false
	}
	dx, dy := b.Lon-a.Lon, b.Lat-a.Lat
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.Lon-a.Lon, p.Lat-a.Lat) <= e
	}
	cross := dx*(p.Lat-a.Lat) - dy*(p.Lon-a.Lon)
	return cross*cross <= e*e*l2
}

// Find returns the index of the shape p lies in, or -1.
//
// The rule for borders: a point on the border of a shape (within
// BorderTolerance) counts as in that shape, and when a point is in or on
// more than one shape (on the border two buurten share, or where
// boundaries overlap by mistake) it belongs to the one with the lowest
// code. So a point on the line between BU03630101 and BU03630102 lies in
// BU03630101, whatever the order of shapes.
func Find(shapes []Shape, p Point) int {
	best := -1
	for i := range shapes {
		if shapes[i].Locate(p) == Outside {
			continue
		}
		if best < 0 || shapes[i].Code < shapes[best].Code {
			best = i
		}
	}
	return best
}

// computeBBox sets s.BBox from the outer rings.
func (s *Shape) computeBBox() {
	b := BBox{MinLon: math.Inf(1), MinLat: math.Inf(1), MaxLon: math.Inf(-1), MaxLat: math.Inf(-1)}
	for _, poly := range s.Polygons {
		if len(poly) == 0 {
			continue
		}
		for _, p := range poly[0] {
			b.MinLon, b.MaxLon = math.Min(b.MinLon, p.Lon), math.Max(b.MaxLon, p.Lon)
			b.MinLat, b.MaxLat = math.Min(b.MinLat, p.Lat), math.Max(b.MaxLat, p.Lat)
		}
	}
	s.BBox = b
}

// Vertices counts the points of all rings.
func (s *Shape) Vertices() int {
	n := 0
	for _, poly := range s.Polygons {
		for _, r := range poly {
			n += len(r)
		}
	}
	return n
}

// GeometryJSON encodes the polygons as a GeoJSON MultiPolygon geometry in
// WGS84, with 7 decimals (about 1 cm).
func (s *Shape) GeometryJSON() []byte {
	b := make([]byte, 0, 64+s.Vertices()*24)
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, poly := range s.Polygons {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, r := range poly {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k, p := range r {
				if k > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = appendCoord(b, p.Lon)
				b = append(b, ',')
				b = appendCoord(b, p.Lat)
				b = append(b, ']')
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

func appendCoord(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*1e7)/1e7, 'f', -1, 64)
}

// ParseGeometry reads a GeoJSON Polygon or MultiPolygon geometry in WGS84,
// as GeometryJSON writes it, into a shape's polygons and bounding box.
func ParseGeometry(data []byte, s *Shape) error {
	var g rawGeometry
	if err := json.Unmarshal(data, &g); err != nil {
		return fmt.Errorf("cbs: geometry: %w", err)
	}
	polys, err := g.polygons()
	if err != nil {
		return err
	}
	s.Polygons = make([]Polygon, len(polys))
	for i, poly := range polys {
		s.Polygons[i] = make(Polygon, len(poly))
		for j, r := range poly {
			ring := make(Ring, len(r))
			for k, c := range r {
				ring[k] = Point{Lon: c[0], Lat: c[1]}
			}
			s.Polygons[i][j] = ring
		}
	}
	s.computeBBox()
	return nil
}

// rawGeometry is a GeoJSON geometry before its coordinates are checked.
type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

var errNoGeometry = errors.New("the feature has no geometry")

// polygons decodes Polygon and MultiPolygon coordinates into
// polygons → rings → positions, each position at least [x, y].
func (g *rawGeometry) polygons() ([][][][]float64, error) {
	var polys [][][][]float64
	switch g.Type {
	case "Polygon":
		var p [][][]float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, errors.New("the coordinates of the Polygon are not a list of rings of [x, y] positions")
		}
		polys = [][][][]float64{p}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
			return nil, errors.New("the coordinates of the MultiPolygon are not a list of polygons of rings of [x, y] positions")
		}
	case "":
		return nil, errNoGeometry
	default:
		return nil, fmt.Errorf("the geometry is a %q; only Polygon and MultiPolygon are boundaries", g.Type)
	}
	if len(polys) == 0 {
		return nil, errors.New("the geometry has no polygons")
	}
	for _, poly := range polys {
		if len(poly) == 0 {
			return nil, errors.New("a polygon has no rings")
		}
		for _, r := range poly {
			if len(r) < 4 {
				return nil, fmt.Errorf("a ring has %d positions; a closed ring needs at least 4", len(r))
			}
			for _, c := range r {
				if len(c) < 2 {
					return nil, errors.New("a position has fewer than 2 numbers")
				}
			}
		}
	}
	return polys, nil
}
