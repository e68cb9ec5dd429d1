package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/wei-platform/wei/cbs"
)

// cbsSVG is the map of a wijk's buurten drawn on the server as inline SVG,
// so the map page shows the shapes without JavaScript and without tiles.
type cbsSVG struct {
	Width, Height int
	Buurten       []cbsSVGBuurt
}

// cbsSVGBuurt is one buurt on the SVG map.
type cbsSVGBuurt struct {
	D      string // path data of all rings; holes cut out by fill-rule evenodd
	Fill   string
	Title  string // name and count, shown on hover
	Name   string
	Label  string // the count, or "< 5"
	LabelX float64
	LabelY float64
	HasPos bool // false when no spot inside the shape was found for the label
}

// cbsSVGWidth is the width of the drawing in SVG units; the height follows
// from the shapes.
const cbsSVGWidth = 800

// newCBSSVG projects the shapes onto the drawing: an equirectangular
// projection around the middle latitude, which for the few kilometres of
// a wijk is indistinguishable from the map's Web Mercator. Coordinates are
// rounded to a tenth of a unit and points that fall together are dropped,
// so a boundary of thousands of points becomes a small path.
func newCBSSVG(shapes []cbs.Shape, style func(i int) (fill, title, name, label string)) *cbsSVG {
	if len(shapes) == 0 {
		return nil
	}
	box := shapes[0].BBox
	for _, s := range shapes[1:] {
		box.MinLon, box.MinLat = math.Min(box.MinLon, s.BBox.MinLon), math.Min(box.MinLat, s.BBox.MinLat)
		box.MaxLon, box.MaxLat = math.Max(box.MaxLon, s.BBox.MaxLon), math.Max(box.MaxLat, s.BBox.MaxLat)
	}
	k := math.Cos((box.MinLat + box.MaxLat) / 2 * math.Pi / 180)
	w, hgt := (box.MaxLon-box.MinLon)*k, box.MaxLat-box.MinLat
	if w <= 0 || hgt <= 0 {
		return nil
	}
	const pad = 8.0
	scale := (cbsSVGWidth - 2*pad) / w
	out := &cbsSVG{Width: cbsSVGWidth, Height: int(math.Ceil(hgt*scale + 2*pad))}
	proj := func(p cbs.Point) (float64, float64) {
		return round1(pad + (p.Lon-box.MinLon)*k*scale), round1(pad + (box.MaxLat-p.Lat)*scale)
	}
	for i, s := range shapes {
		var b strings.Builder
		for _, poly := range s.Polygons {
			for _, ring := range poly {
				n := 0
				var lx, ly float64
				for _, p := range ring {
					x, y := proj(p)
					if n > 0 && x == lx && y == ly {
						continue
					}
					if n == 0 {
						b.WriteByte('M')
					} else {
						b.WriteByte('L')
					}
					b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
					b.WriteByte(' ')
					b.WriteString(strconv.FormatFloat(y, 'f', -1, 64))
					lx, ly, n = x, y, n+1
				}
				if n > 0 {
					b.WriteByte('Z')
				}
			}
		}
		sb := cbsSVGBuurt{D: b.String()}
		sb.Fill, sb.Title, sb.Name, sb.Label = style(i)
		if c, ok := labelPoint(&s); ok {
			sb.LabelX, sb.LabelY = proj(c)
			sb.HasPos = true
		}
		out.Buurten = append(out.Buurten, sb)
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// labelPoint returns a spot well inside the shape for its label: of the
// centroid of the largest polygon and a 9 × 9 grid over that polygon's
// box, the point inside the shape farthest from its border. A shape with a
// hole in its middle gets its label beside the hole. Distances count a
// degree of longitude as cos(latitude) of a degree of latitude.
func labelPoint(s *cbs.Shape) (cbs.Point, bool) {
	var best cbs.Polygon
	bestArea := 0.0
	var centroid cbs.Point
	for _, poly := range s.Polygons {
		if len(poly) == 0 {
			continue
		}
		r := poly[0]
		var a, cx, cy float64
		for i := range r {
			p, q := r[i], r[(i+1)%len(r)]
			f := p.Lon*q.Lat - q.Lon*p.Lat
			a += f
			cx += (p.Lon + q.Lon) * f
			cy += (p.Lat + q.Lat) * f
		}
		if a != 0 && math.Abs(a) > bestArea {
			bestArea, best = math.Abs(a), poly
			centroid = cbs.Point{Lon: cx / (3 * a), Lat: cy / (3 * a)}
		}
	}
	if bestArea == 0 {
		return cbs.Point{}, false
	}
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range best[0] {
		minLon, maxLon = math.Min(minLon, p.Lon), math.Max(maxLon, p.Lon)
		minLat, maxLat = math.Min(minLat, p.Lat), math.Max(maxLat, p.Lat)
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	cands := []cbs.Point{centroid}
	const n = 9
	for i := 1; i <= n; i++ {
		for j := 1; j <= n; j++ {
			cands = append(cands, cbs.Point{Lon: minLon + (maxLon-minLon)*float64(i)/(n+1), Lat: minLat + (maxLat-minLat)*float64(j)/(n+1)})
		}
	}
	var pick cbs.Point
	pickDist := 0.0
	for _, c := range cands {
		if s.Locate(c) != cbs.Inside {
			continue
		}
		if d := borderDistance(best, c, k); d > pickDist {
			pick, pickDist = c, d
		}
	}
	return pick, pickDist > 0
}

// borderDistance is the distance from p to the nearest edge of the polygon.
func borderDistance(poly cbs.Polygon, p cbs.Point, k float64) float64 {
	d := math.Inf(1)
	for _, r := range poly {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			ax, ay, bx, by, px, py := a.Lon*k, a.Lat, b.Lon*k, b.Lat, p.Lon*k, p.Lat
			dx, dy := bx-ax, by-ay
			t := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
			}
			d = math.Min(d, math.Hypot(px-(ax+t*dx), py-(ay+t*dy)))
		}
	}
	return d
}
