package main

import (
	"image/color"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/cancelreader"
)

// backgroundWait is how long show waits for the terminal to say its
// background colour: a terminal that answers does so in milliseconds, and
// one that never answers must not hold up a preview.
const backgroundWait = 200 * time.Millisecond

// terminalBackground asks the terminal on in/out for its background colour
// and reports whether it is dark; ok is false when the terminal did not say
// within wait. in is put in raw mode for the question so the answer is not
// echoed, and restored after.
func terminalBackground(in, out *os.File, wait time.Duration) (dark, ok bool) {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return false, false
	}
	defer func() { _ = term.Restore(in.Fd(), state) }()
	bg := queryBackground(in, out, wait)
	if bg == nil {
		return false, false
	}
	return isDark(bg), true
}

// queryBackground writes the background-colour question (OSC 11) followed
// by a device-attributes question every terminal answers (DA1), and reads
// until the DA1 answer, the end of input or wait, whichever comes first.
// A terminal that knows its background answers OSC 11 before DA1.
func queryBackground(in io.Reader, out io.Writer, wait time.Duration) color.Color {
	rd, err := cancelreader.NewReader(in)
	if err != nil {
		return nil
	}
	defer func() { _ = rd.Close() }()
	timer := time.AfterFunc(wait, func() { rd.Cancel() })
	defer timer.Stop()
	if _, err := io.WriteString(out, ansi.RequestBackgroundColor+ansi.RequestPrimaryDeviceAttributes); err != nil {
		return nil
	}
	var bg color.Color
	pa := ansi.NewParser()
	var state byte
	var acc []byte
	buf := make([]byte, 256)
	for {
		n, err := rd.Read(buf)
		p := buf[:n]
		for len(p) > 0 {
			seq, _, read, next := ansi.DecodeSequence(p, state, pa)
			acc = append(acc, seq...)
			if next == ansi.NormalState {
				s := string(acc)
				switch {
				case ansi.HasOscPrefix(s) && pa.Command() == 11:
					if _, spec, found := cutByte(pa.Data(), ';'); found {
						bg = ansi.XParseColor(string(spec))
					}
				case ansi.HasCsiPrefix(s) && pa.Command() == ansi.Command('?', 0, 'c'):
					return bg
				}
				acc = acc[:0]
			}
			state = next
			p = p[read:]
		}
		if err != nil {
			return bg
		}
	}
}

func cutByte(b []byte, sep byte) (before, after []byte, found bool) {
	for i, c := range b {
		if c == sep {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

// isDark reports whether c is a dark colour, by its perceived lightness.
func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	// Rec. 601 luma on 16-bit channels.
	luma := (299*r + 587*g + 114*b) / 1000
	return luma < 0x8000
}
