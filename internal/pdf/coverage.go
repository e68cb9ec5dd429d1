package pdf

import (
	"encoding/binary"
	"errors"
)

// coverage holds, per BMP code point, whether both embedded fonts have a
// glyph for it. fpdf handles only the BMP and would print a blank box (or,
// beyond the BMP, fail) for anything else, so clean replaces such runes.
var coverage = func() *[1 << 16]bool {
	var both [1 << 16]bool
	reg, err1 := bmpCoverage(fontRegular)
	bold, err2 := bmpCoverage(fontBold)
	if err1 != nil || err2 != nil {
		panic("pdf: embedded fonts are unreadable")
	}
	for i := range both {
		both[i] = reg[i] && bold[i]
	}
	return &both
}()

func covered(r rune) bool {
	return r >= 0 && r < 1<<16 && coverage[r]
}

// bmpCoverage reads the Unicode BMP (format 4) cmap subtable of a TrueType
// font and reports which code points have a glyph.
func bmpCoverage(ttf []byte) (*[1 << 16]bool, error) {
	be := binary.BigEndian
	bad := errors.New("pdf: font has no readable Unicode cmap")
	if len(ttf) < 12 {
		return nil, bad
	}
	var cmap []byte
	n := int(be.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, bad
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			off, l := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
			if off < 0 || l < 4 || off+l > len(ttf) {
				return nil, bad
			}
			cmap = ttf[off : off+l]
		}
	}
	if cmap == nil {
		return nil, bad
	}
	var sub []byte
	for i := 0; i < int(be.Uint16(cmap[2:])); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, bad
		}
		platform, enc, off := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:]), int(be.Uint32(cmap[rec+4:]))
		if (platform == 3 && enc == 1) || platform == 0 {
			if off+14 <= len(cmap) && be.Uint16(cmap[off:]) == 4 {
				sub = cmap[off:]
				break
			}
		}
	}
	if sub == nil {
		return nil, bad
	}
	segs := int(be.Uint16(sub[6:])) / 2
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(sub) {
		return nil, bad
	}
	var out [1 << 16]bool
	for s := 0; s < segs; s++ {
		end, start := int(be.Uint16(sub[ends+2*s:])), int(be.Uint16(sub[starts+2*s:]))
		delta, ro := be.Uint16(sub[deltas+2*s:]), int(be.Uint16(sub[ranges+2*s:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var glyph uint16
			if ro == 0 {
				glyph = uint16(c) + delta
			} else {
				at := ranges + 2*s + ro + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				if glyph = be.Uint16(sub[at:]); glyph != 0 {
					glyph += delta
				}
			}
			out[c] = glyph != 0
		}
	}
	return &out, nil
}
