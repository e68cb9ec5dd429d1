package cbs

import (
	"math"
	"testing"
)

func TestRDToWGS84(t *testing.T) {
	t.Parallel()
	// Known points: the reference point in Amersfoort and the Martinitoren
	// in Groningen, the test point of the approximation formulas.
	tests := []struct {
		name     string
		x, y     float64
		lat, lon float64
	}{
		{"Amersfoort", 155000, 463000, 52.15517, 5.38721},
		{"Martinitoren", 233883.131, 582065.167, 53.21938, 6.56820},
	}
	for _, tt := range tests {
		p := RDToWGS84(tt.x, tt.y)
		if math.Abs(p.Lat-tt.lat) > 1e-5 || math.Abs(p.Lon-tt.lon) > 1e-5 {
			t.Errorf("%s: RDToWGS84(%v, %v)=%.6f, %.6f, want %.5f, %.5f", tt.name, tt.x, tt.y, p.Lat, p.Lon, tt.lat, tt.lon)
		}
		x, y := WGS84ToRD(Point{Lon: tt.lon, Lat: tt.lat})
		if math.Abs(x-tt.x) > 1.5 || math.Abs(y-tt.y) > 1.5 {
			t.Errorf("%s: WGS84ToRD=%.1f, %.1f, want %.1f, %.1f (within a metre and a half: the point has 5 decimals)", tt.name, x, y, tt.x, tt.y)
		}
	}
}

// The two directions are separate polynomials; going there and back
// anywhere in the Netherlands must land within a metre.
func TestRDRoundTrip(t *testing.T) {
	t.Parallel()
	for x := 10000.0; x <= 280000; x += 30000 {
		for y := 300000.0; y <= 620000; y += 40000 {
			x2, y2 := WGS84ToRD(RDToWGS84(x, y))
			if d := math.Hypot(x2-x, y2-y); d > 1 {
				t.Errorf("round trip of (%v, %v) is off by %.2f m", x, y, d)
			}
		}
	}
}
