package cbs

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// Benchmarks with real sizes:
//
//	go test ./cbs -run '^$' -bench . -benchtime 2s
//
// The postcode-house-number file of the whole country has about 8 million
// rows; BenchmarkAddressLookup generates one of that size (not kept on
// disk), reads it through PostcodeReader into an AddressIndex, and then
// measures lookups. The reading and building time is reported once as the
// metrics read-s and build-s.

const benchAddresses = 8_000_000

// writeSyntheticPostcodes writes n rows in the 2023 layout: 20 house
// numbers per postcode from 1000AA upward, about 570 addresses per buurt
// (14,000 buurten), codes as bare numbers.
func writeSyntheticPostcodes(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprint(bw, "PC6,Huisnummer,Buurt2023,Wijk2023,Gemeente2023\r\n")
	for i := 0; i < n; i++ {
		pc := i / 20
		digits, letters := 1000+pc/676, pc%676
		buurt := i / 570
		gm := 1 + buurt/40
		fmt.Fprintf(bw, "%04d%c%c,%d,%d%04d,%d%02d,%d\r\n", digits, 'A'+letters/26, 'A'+letters%26, 1+i%20, gm, buurt%10000, gm, (buurt/100)%100, gm)
	}
	return bw.Flush()
}

// syntheticAddress returns the postcode and number of row i.
func syntheticAddress(i int) (string, int) {
	pc := i / 20
	digits, letters := 1000+pc/676, pc%676
	return fmt.Sprintf("%04d%c%c", digits, 'A'+letters/26, 'A'+letters%26), 1 + i%20
}

var bigIndex struct {
	once        sync.Once
	ix          AddressIndex
	read, build time.Duration
	rows        int
	err         error
}

func loadBigIndex(b *testing.B) *AddressIndex {
	b.Helper()
	bigIndex.once.Do(func() {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(writeSyntheticPostcodes(pw, benchAddresses)) }()
		start := time.Now()
		r, err := NewPostcodeReader(pr)
		if err != nil {
			bigIndex.err = err
			return
		}
		bigIndex.ix.Grow(benchAddresses)
		for {
			a, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				bigIndex.err = err
				return
			}
			if err := bigIndex.ix.Add(a.Postcode, a.Number, a.BuurtCode); err != nil {
				bigIndex.err = err
				return
			}
			bigIndex.rows++
		}
		bigIndex.read = time.Since(start)
		start = time.Now()
		bigIndex.ix.Build()
		bigIndex.build = time.Since(start)
	})
	if bigIndex.err != nil {
		b.Fatal(bigIndex.err)
	}
	if bigIndex.ix.Len() != benchAddresses {
		b.Fatalf("index holds %d addresses, want %d", bigIndex.ix.Len(), benchAddresses)
	}
	return &bigIndex.ix
}

// BenchmarkAddressLookup: one op is one lookup of a random address in the
// 8-million-address index.
func BenchmarkAddressLookup(b *testing.B) {
	ix := loadBigIndex(b)
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1 << 16
	pcs, nrs := make([]string, n), make([]int, n)
	for i := range pcs {
		pcs[i], nrs[i] = syntheticAddress(rng.IntN(benchAddresses))
	}
	for i := 0; b.Loop(); i++ {
		if _, ok := ix.Lookup(pcs[i%n], nrs[i%n]); !ok {
			b.Fatalf("%s %d not found", pcs[i%n], nrs[i%n])
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	b.ReportMetric(bigIndex.read.Seconds(), "read-s")
	b.ReportMetric(bigIndex.build.Seconds(), "build-s")
}

// BenchmarkPostcodeReader: one op reads 100,000 rows of the file format.
func BenchmarkPostcodeReader(b *testing.B) {
	const rows = 100_000
	var buf bytesBuffer
	if err := writeSyntheticPostcodes(&buf, rows); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(buf.b)))
	for b.Loop() {
		r, err := NewPostcodeReader(&byteReader{b: buf.b})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}

// realSizeShape is a buurt of about 1.5 km across with vertices points on
// a wobbly outline (as detailed as CBS boundaries along canals and
// gardens) and a hole of a tenth of that.
func realSizeShape(code string, lon0, lat0 float64, vertices int, rng *rand.Rand) Shape {
	ring := func(n int, r float64) Ring {
		out := make(Ring, n+1)
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			rr := r * (1 + 0.15*math.Sin(7*a) + 0.05*rng.Float64())
			out[i] = Point{Lon: lon0 + rr*math.Cos(a)/math.Cos(lat0*math.Pi/180), Lat: lat0 + rr*math.Sin(a)}
		}
		out[n] = out[0]
		return out
	}
	s := Shape{Code: code, Polygons: []Polygon{{ring(vertices, 0.007), ring(vertices/10, 0.0015)}}}
	s.computeBBox()
	return s
}

// BenchmarkPointInPolygon: one op locates one point in one shape of 4,000
// vertices with a hole of 400, the point drawn from the shape's box.
func BenchmarkPointInPolygon(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := realSizeShape("BU00000001", 5.1, 52.1, 4000, rng)
	pts := make([]Point, 4096)
	for i := range pts {
		pts[i] = Point{Lon: s.BBox.MinLon + rng.Float64()*(s.BBox.MaxLon-s.BBox.MinLon), Lat: s.BBox.MinLat + rng.Float64()*(s.BBox.MaxLat-s.BBox.MinLat)}
	}
	inside := 0
	for i := 0; b.Loop(); i++ {
		if s.Locate(pts[i%len(pts)]) == Inside {
			inside++
		}
	}
	if inside == 0 {
		b.Fatal("no point inside")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}

// BenchmarkFindInWijk: one op finds the buurt of a point among the 12
// buurten of a wijk, each of 2,000 to 5,000 vertices, with the bounding-box
// prefilter.
func BenchmarkFindInWijk(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	var shapes []Shape
	for i := 0; i < 12; i++ {
		shapes = append(shapes, realSizeShape(fmt.Sprintf("BU0363%04d", i), 4.9+0.02*float64(i%4), 52.35+0.015*float64(i/4), 2000+rng.IntN(3001), rng))
	}
	pts := make([]Point, 4096)
	for i := range pts {
		pts[i] = Point{Lon: 4.88 + rng.Float64()*0.1, Lat: 52.34 + rng.Float64()*0.05}
	}
	for i := 0; b.Loop(); i++ {
		Find(shapes, pts[i%len(pts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}
