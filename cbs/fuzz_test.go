package cbs

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The seed corpus of each fuzz test is in testdata/fuzz/<name>, plus the
// fixture files of testdata. Run one with, for example:
//
//	go test ./cbs -run '^$' -fuzz FuzzPostcodeReader -fuzztime 1m

func addFixtures(f *testing.F, pattern string) {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzPostcodeReader: whatever the bytes, the reader does not panic, stops
// with io.EOF or a *FormatError, and every address it returns is
// normalised.
func FuzzPostcodeReader(f *testing.F) {
	addFixtures(f, "pc6hnr*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		pr, err := NewPostcodeReader(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("NewPostcodeReader: %v is not a *FormatError", err)
			}
			return
		}
		last := 1
		for i := 0; ; i++ {
			a, err := pr.Next()
			if err == io.EOF {
				return
			}
			var re *RowError
			if errors.As(err, &re) {
				if re.Line <= 1 {
					t.Fatalf("row error on line %d", re.Line)
				}
				continue
			}
			if err != nil {
				var fe *FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("Next: %v is neither a *RowError nor a *FormatError", err)
				}
				return
			}
			if Postcode(a.Postcode) != a.Postcode || BuurtCode(a.BuurtCode) != a.BuurtCode || a.Number < 1 || a.Number > 99999 {
				t.Fatalf("address not normalised: %+v", a)
			}
			if GemeenteCode(a.GemeenteCode) != a.GemeenteCode || a.GemeenteCode == "" {
				t.Fatalf("gemeente not normalised: %+v", a)
			}
			if a.Line <= last {
				t.Fatalf("line %d after line %d", a.Line, last)
			}
			last = a.Line
		}
	})
}

// FuzzFiguresReader: no panic, and every known value is in the canonical
// form ParseValue gives back unchanged.
func FuzzFiguresReader(f *testing.F) {
	addFixtures(f, "kwb-*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := NewFiguresReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for {
			reg, err := fr.Next()
			if err != nil {
				return
			}
			if RegionCode(reg.Code) != reg.Code || reg.Code == "" {
				t.Fatalf("code %q not normalised", reg.Code)
			}
			for k, v := range reg.Values {
				if !v.Known {
					continue
				}
				back, ok := ParseValue(v.Text)
				if !ok || back != v {
					t.Fatalf("%s %s=%q does not read back (%+v, %v)", reg.Code, k, v.Text, back, ok)
				}
			}
		}
	})
}

// FuzzReadShapes: no panic; every shape has a buurt code, its bounding box
// holds its outer rings, and its geometry survives a round trip through
// GeometryJSON and ParseGeometry.
func FuzzReadShapes(f *testing.F) {
	addFixtures(f, "*.geojson")
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, err := ReadShapes(bytes.NewReader(data), nil)
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("ReadShapes: %v is not a *FormatError", err)
			}
			return
		}
		for _, s := range sf.Shapes {
			if BuurtCode(s.Code) != s.Code {
				t.Fatalf("code %q", s.Code)
			}
			for _, poly := range s.Polygons {
				for _, p := range poly[0] {
					if !s.BBox.Contains(p) {
						t.Fatalf("%v outside the bounding box %+v", p, s.BBox)
					}
				}
			}
			var back Shape
			if err := ParseGeometry(s.GeometryJSON(), &back); err != nil {
				t.Fatalf("round trip of %s: %v", s.Code, err)
			}
			if len(back.Polygons) != len(s.Polygons) {
				t.Fatalf("round trip of %s: %d polygons, want %d", s.Code, len(back.Polygons), len(s.Polygons))
			}
		}
	})
}
