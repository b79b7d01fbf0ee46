package safe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const hostile = "a\u009b31mb\u202ec\x7fd\u2066e\x1b]52;c;eA==\x07f é"

// JSON output escapes every character a terminal or an editor would act
// on, and reads back as the same data.
func TestJSONEscapesControlsATerminalObeys(t *testing.T) {
	enc, err := json.Marshal(hostile)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]byte{
		"JSON":             JSON(enc),
		"AppendJSONString": AppendJSONString(nil, hostile),
	} {
		for _, raw := range []string{"\u009b", "\u202e", "\x7f", "\u2066", "\x1b", "\x07"} {
			if bytes.Contains(out, []byte(raw)) {
				t.Errorf("%s: %q is written raw in %s", name, raw, out)
			}
		}
		for _, esc := range []string{`\u009b`, `\u202e`, `\u007f`, `\u2066`, `\u001b`} {
			if !bytes.Contains(out, []byte(esc)) {
				t.Errorf("%s: no %s in %s", name, esc, out)
			}
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != hostile {
			t.Errorf("%s: reads back as %q (%v)", name, back, err)
		}
	}
	var b bytes.Buffer
	e := NewJSONEncoder(&b)
	e.SetIndent("", "  ")
	if err := e.Encode(map[string]string{"k": hostile}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\u009b\u202e\x7f") {
		t.Errorf("encoder output carries raw controls: %q", b.String())
	}
}

// Every CSV cell is defused as OWASP recommends and loses its controls.
func TestRowDefusesFormulasAndDropsControls(t *testing.T) {
	in := []string{"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "plain", "v\x1b]52;c;eA==\x07-1", "\u202e=x", ""}
	want := []string{"'=HYPERLINK(\"http://x\")", "'+1", "'-1", "'@SUM(A1)", "'\tx", "plain", "v-1", "'=x", ""}
	got := Row(in)
	for i := range in {
		if got[i] != want[i] {
			t.Errorf("cell %q: got %q, want %q", in[i], got[i], want[i])
		}
	}
}
