package store

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestTmpQueries(t *testing.T) {
	db := os.Getenv("TMPDB")
	if db == "" {
		t.Skip()
	}
	s, err := Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var w string
	s.queryRow(context.Background(), "SELECT wijk_id FROM ledger_heads").Scan(&w)
	for _, f := range []string{"/tmp/v1.sql", "/tmp/v2.sql", "/tmp/v3.sql", "/tmp/v4.sql", "/tmp/v5.sql", "/tmp/v6.sql"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		q := strings.ReplaceAll(string(b), "$W", w)
		st := time.Now()
		rows, err := s.query(context.Background(), q)
		if err != nil {
			t.Fatal(f, err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		t.Logf("%s: %d rows in %s", f, n, time.Since(st))
	}
}
