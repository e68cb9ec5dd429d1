package store_test

// Benchmarks of the CBS address table (issue 5, "Measured"). Not part of
// CI:
//
//	go test ./internal/store -run '^$' -bench BenchmarkLookupAddress -benchtime 3s
//	WEI_BENCH_CBS_ROWS=8000000 go test ./internal/store -run '^$' -bench BenchmarkLookupAddress -timeout 30m
//
// The table is filled through ImportCBSPostcodes from a generated file of
// WEI_BENCH_CBS_ROWS addresses (default 1,000,000), all in the gemeente of
// the benchmark's wijk, so every row is kept; the import time is reported
// as import-s and import-rows/s.

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/wei-platform/wei/wijk"
)

func benchCBSRows(b *testing.B) int {
	if v := os.Getenv("WEI_BENCH_CBS_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("WEI_BENCH_CBS_ROWS=%q is not a positive number", v)
		}
		return n
	}
	return 1_000_000
}

// benchAddress is row i of the generated file: 20 numbers per postcode.
func benchAddress(i int) (string, int) {
	pc := i / 20
	return fmt.Sprintf("%04d%c%c", 1000+pc/676, 'A'+(pc%676)/26, 'A'+pc%26), 1 + i%20
}

func BenchmarkLookupAddress(b *testing.B) {
	s := OpenTestSQLite(b)
	w := wijk.Wijk{Slug: "bench", Name: "Bench", CBSCode: "WK099901", CBSYear: 2025, Municipality: "Lindenwaard"}
	if err := s.CreateWijk(b.Context(), &w); err != nil {
		b.Fatal(err)
	}
	n := benchCBSRows(b)
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 1<<20)
		fmt.Fprint(bw, "PC6,Huisnummer,Buurt2025,Wijk2025,Gemeente2025\n")
		for i := 0; i < n; i++ {
			pc, nr := benchAddress(i)
			fmt.Fprintf(bw, "%s,%d,999%04d,99901,999\n", pc, nr, (i/570)%10000)
		}
		pw.CloseWithError(bw.Flush())
	}()
	start := time.Now()
	rep, err := s.ImportCBSPostcodes(b.Context(), "pc6hnr20250801_gwb.csv", pr, 0)
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	if rep.Kept != n {
		b.Fatalf("kept %d of %d", rep.Kept, n)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	const m = 1 << 14
	pcs, nrs := make([]string, m), make([]int, m)
	for i := range pcs {
		pcs[i], nrs[i] = benchAddress(rng.IntN(n))
	}
	for i := 0; b.Loop(); i++ {
		if _, err := s.LookupAddress(b.Context(), pcs[i%m], nrs[i%m]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	b.ReportMetric(took.Seconds(), "import-s")
	b.ReportMetric(float64(n)/took.Seconds(), "import-rows/s")
}
