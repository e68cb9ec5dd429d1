package cbs

import "testing"

func TestAddressIndex(t *testing.T) {
	t.Parallel()
	var ix AddressIndex
	adds := []struct {
		pc    string
		n     int
		buurt string
	}{
		{"9999ZZ", 99999, "BU19520000"}, {"1012AB", 1, "BU03630000"}, {"1012AB", 2, "BU03630000"},
		{"1012AC", 15, "BU03630001"}, {"1000AA", 1, "BU03630002"}, {"1012AB", 1, "BU09990101"}, // a duplicate: the first wins
	}
	for _, a := range adds {
		if err := ix.Add(a.pc, a.n, a.buurt); err != nil {
			t.Fatalf("Add(%s, %d): %v", a.pc, a.n, err)
		}
	}
	if _, ok := ix.Lookup("1012AB", 1); ok {
		t.Error("Lookup before Build found something")
	}
	ix.Build()
	if ix.Len() != 5 {
		t.Errorf("Len=%d, want 5 (the duplicate dropped)", ix.Len())
	}
	for _, c := range []struct {
		pc   string
		n    int
		want string
	}{
		{"1012AB", 1, "BU03630000"}, {"1012AB", 2, "BU03630000"}, {"1012AC", 15, "BU03630001"},
		{"9999ZZ", 99999, "BU19520000"}, {"1000AA", 1, "BU03630002"},
		{"1012AB", 3, ""}, {"1012AD", 1, ""}, {"0999AA", 1, ""}, {"1012ab", 1, ""}, {"1012AB", 0, ""},
	} {
		got, ok := ix.Lookup(c.pc, c.n)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Lookup(%s, %d)=%q, %v; want %q", c.pc, c.n, got, ok, c.want)
		}
	}
	for _, bad := range []struct {
		pc string
		n  int
	}{{"1012A", 1}, {"1012ab", 1}, {"1012AB", 100000}, {"ABCDEF", 1}} {
		if err := ix.Add(bad.pc, bad.n, "BU00000000"); err == nil {
			t.Errorf("Add(%q, %d): no error", bad.pc, bad.n)
		}
	}
}
