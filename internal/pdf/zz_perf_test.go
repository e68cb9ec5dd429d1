package pdf
import ("testing";"strings";"time")
func TestPerf(t *testing.T) {
	for _, s := range []string{strings.Repeat("x", 20000), strings.Repeat("ab ", 7000), strings.Repeat("€", 20000)} {
		st := time.Now()
		d := New(s, "nl")
		d.Heading(2, s)
		d.Para(s)
		d.Table([]string{s, "b"}, [][]string{{s, s}, {"1", s}})
		b, err := d.Bytes()
		t.Log(len(s), time.Since(st), err, len(b))
	}
}
