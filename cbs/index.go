package cbs

import (
	"cmp"
	"errors"
	"slices"
)

// AddressIndex maps postcode + house number to a buurt code in memory,
// compactly: every address is one uint64 — the postcode and number packed
// into the high 41 bits, the buurt as an index into a table of codes in
// the low 23 — kept sorted and searched by bisection. A table of where
// each four-digit postcode area starts narrows the search to that area
// first, so it touches a few kilobytes instead of the whole index. Eight
// million addresses take 64 MB.
type AddressIndex struct {
	entries []uint64
	codes   []string
	byCode  map[string]uint32
	area    []uint32 // area[d]: index of the first entry of postcode area d; area[10000] = len(entries)
	sorted  bool
}

const (
	codeBits = 23
	codeMask = 1<<codeBits - 1
)

// addressKey packs a normalised postcode and number into 41 bits, or
// returns false.
func addressKey(pc string, number int) (uint64, bool) {
	if len(pc) != 6 || number < 1 || number > 99999 {
		return 0, false
	}
	d := 0
	for i := 0; i < 4; i++ {
		c := pc[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d = d*10 + int(c-'0')
	}
	l1, l2 := int(pc[4])-'A', int(pc[5])-'A'
	if l1 < 0 || l1 > 25 || l2 < 0 || l2 > 25 {
		return 0, false
	}
	return uint64(d*676+l1*26+l2)<<17 | uint64(number), true
}

// areaOf returns the four digits of an entry's postcode.
func areaOf(e uint64) int { return int(e >> codeBits >> 17 / 676) }

// Add records an address. The postcode must be normalised (see Postcode).
// Call Build before Lookup.
func (ix *AddressIndex) Add(postcode string, number int, buurtCode string) error {
	k, ok := addressKey(postcode, number)
	if !ok {
		return errors.New("cbs: not a normalised postcode and house number")
	}
	if ix.byCode == nil {
		ix.byCode = map[string]uint32{}
	}
	c, ok := ix.byCode[buurtCode]
	if !ok {
		if len(ix.codes) > codeMask {
			return errors.New("cbs: too many buurt codes")
		}
		c = uint32(len(ix.codes))
		ix.codes = append(ix.codes, buurtCode)
		ix.byCode[buurtCode] = c
	}
	ix.entries = append(ix.entries, k<<codeBits|uint64(c))
	ix.sorted = false
	return nil
}

// Grow makes room for n more addresses.
func (ix *AddressIndex) Grow(n int) { ix.entries = slices.Grow(ix.entries, n) }

// Build sorts the index. When an address was added twice, the first buurt
// added for it wins.
func (ix *AddressIndex) Build() {
	slices.SortStableFunc(ix.entries, func(a, b uint64) int { return cmp.Compare(a>>codeBits, b>>codeBits) })
	ix.entries = slices.CompactFunc(ix.entries, func(a, b uint64) bool { return a>>codeBits == b>>codeBits })
	ix.area = make([]uint32, 10001)
	d := 0
	for i, e := range ix.entries {
		for ed := areaOf(e); d <= ed; d++ {
			ix.area[d] = uint32(i)
		}
	}
	for ; d <= 10000; d++ {
		ix.area[d] = uint32(len(ix.entries))
	}
	ix.sorted = true
}

// Len is the number of addresses.
func (ix *AddressIndex) Len() int { return len(ix.entries) }

// Lookup returns the buurt code of a normalised postcode and number.
func (ix *AddressIndex) Lookup(postcode string, number int) (string, bool) {
	k, ok := addressKey(postcode, number)
	if !ok || !ix.sorted {
		return "", false
	}
	d := int(k >> 17 / 676)
	lo, hi := int(ix.area[d]), int(ix.area[d+1])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.entries[m]>>codeBits < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ix.entries) && ix.entries[lo]>>codeBits == k {
		return ix.codes[ix.entries[lo]&codeMask], true
	}
	return "", false
}
