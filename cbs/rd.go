package cbs

// The Dutch national grid, RD New (EPSG:28992), and WGS84 (EPSG:4326) are
// converted with the standard approximation polynomials of Schreutelkamp
// and Strang van Hees ("Benaderingsformules voor de transformatie tussen
// RD- en WGS84-kaartcoördinaten"), accurate to about a metre within the
// Netherlands: good enough to place a point in a buurt.

// The reference point, the Onze Lieve Vrouwetoren in Amersfoort.
const (
	rdX0   = 155000.0
	rdY0   = 463000.0
	rdLat0 = 52.15517440
	rdLon0 = 5.38720621
)

type term struct {
	p, q int
	c    float64
}

// RD → WGS84: latitude and longitude in arc seconds.
var (
	rdLatTerms = []term{
		{0, 1, 3235.65389}, {2, 0, -32.58297}, {0, 2, -0.24750}, {2, 1, -0.84978},
		{0, 3, -0.06550}, {2, 2, -0.01709}, {1, 0, -0.00738}, {4, 0, 0.00530},
		{2, 3, -0.00039}, {4, 1, 0.00033}, {1, 1, -0.00012},
	}
	rdLonTerms = []term{
		{1, 0, 5260.52916}, {1, 1, 105.94684}, {1, 2, 2.45656}, {3, 0, -0.81885},
		{1, 3, 0.05594}, {3, 1, -0.05607}, {0, 1, 0.01199}, {3, 2, -0.00256},
		{1, 4, 0.00128}, {0, 2, 0.00022}, {2, 0, -0.00022}, {5, 0, 0.00026},
	}
	// WGS84 → RD: metres.
	wgsXTerms = []term{
		{0, 1, 190094.945}, {1, 1, -11832.228}, {2, 1, -114.221}, {0, 3, -32.391},
		{1, 0, -0.705}, {3, 1, -2.340}, {1, 3, -0.608}, {0, 2, -0.008}, {2, 3, 0.148},
	}
	wgsYTerms = []term{
		{1, 0, 309056.544}, {0, 2, 3638.893}, {2, 0, 73.077}, {1, 2, -157.984},
		{3, 0, 59.788}, {0, 1, 0.433}, {2, 2, -6.439}, {1, 1, -0.032},
		{0, 4, 0.092}, {1, 4, -0.054},
	}
)

// poly sums c·a^p·b^q over the terms (p ≤ 5, q ≤ 4).
func poly(terms []term, a, b float64) float64 {
	var pa, pb [6]float64
	pa[0], pb[0] = 1, 1
	for i := 1; i < len(pa); i++ {
		pa[i], pb[i] = pa[i-1]*a, pb[i-1]*b
	}
	s := 0.0
	for _, t := range terms {
		s += t.c * pa[t.p] * pb[t.q]
	}
	return s
}

// RDToWGS84 converts RD New coordinates (x east, y north, in metres) to a
// WGS84 point.
func RDToWGS84(x, y float64) Point {
	dx, dy := (x-rdX0)*1e-5, (y-rdY0)*1e-5
	return Point{
		Lat: rdLat0 + poly(rdLatTerms, dx, dy)/3600,
		Lon: rdLon0 + poly(rdLonTerms, dx, dy)/3600,
	}
}

// WGS84ToRD converts a WGS84 point to RD New coordinates in metres.
func WGS84ToRD(p Point) (x, y float64) {
	dLat, dLon := 0.36*(p.Lat-rdLat0), 0.36*(p.Lon-rdLon0)
	return rdX0 + poly(wgsXTerms, dLat, dLon), rdY0 + poly(wgsYTerms, dLat, dLon)
}

// RD New coordinates of the Netherlands lie within these bounds (the
// official validity area of the grid, with some margin).
const (
	rdMinX, rdMaxX = -7000.0, 300000.0
	rdMinY, rdMaxY = 289000.0, 629000.0
)

func isRD(x, y float64) bool { return x >= rdMinX && x <= rdMaxX && y >= rdMinY && y <= rdMaxY }

func isWGS84(lon, lat float64) bool { return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 }
