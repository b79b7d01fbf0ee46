package records

import (
	"math"
	"strconv"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// appendAttemptLine appends an attempt as one JSON line, byte for byte what
// encoding/json makes of its AttemptLine (without HTML escaping). Exports
// run to millions of attempts, and reflection-based encoding costs several
// times the bytes it writes.
func appendAttemptLine(b []byte, a playbook.Attempt) []byte {
	b = append(b, `{"type":"attempt","id":`...)
	b = appendJSONString(b, a.ID)
	b = append(b, `,"rep":`...)
	b = appendJSONString(b, a.Rep)
	b = append(b, `,"card":`...)
	b = appendJSONString(b, a.Card)
	b = append(b, `,"step":`...)
	b = appendJSONString(b, a.Step)
	b = append(b, `,"process":`...)
	b = appendJSONString(b, a.Process)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(a.Kind))
	b = append(b, `,"at":"`...)
	b = a.At.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","response":`...)
	b = appendJSONString(b, a.Response)
	b = append(b, `,"score":`...)
	b = appendJSONFloat(b, a.Score)
	b = append(b, `,"suggested":`...)
	b = strconv.AppendInt(b, int64(a.Suggested), 10)
	b = append(b, `,"rating":`...)
	b = strconv.AppendInt(b, int64(a.Rating), 10)
	b = append(b, `,"cram":`...)
	b = strconv.AppendBool(b, a.Cram)
	b = append(b, `,"hash":`...)
	b = appendJSONString(b, a.Hash)
	b = append(b, `,"playbook_version":`...)
	b = appendJSONString(b, a.PlaybookVersion)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendInt(b, a.Duration.Milliseconds(), 10)
	if f := a.Facts; f != nil {
		b = append(b, `,"facts":{"prompt":`...)
		b = appendJSONString(b, f.Prompt)
		b = appendJSONStrings(b, `,"options":`, f.Options)
		if len(f.Correct) > 0 {
			b = append(b, `,"correct":[`...)
			for i, c := range f.Correct {
				if i > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, int64(c), 10)
			}
			b = append(b, ']')
		}
		b = appendJSONStrings(b, `,"items":`, f.Items)
		b = append(b, `,"passed":`...)
		b = strconv.AppendBool(b, f.Passed)
		if t := f.Text; t != nil {
			b = append(b, `,"text":{`...)
			start := len(b)
			key := func(k string) {
				if len(b) > start {
					b = append(b, ',')
				}
				b = append(b, k...)
			}
			if t.Answer != "" {
				key(`"answer":`)
				b = appendJSONString(b, t.Answer)
			}
			if len(t.Points) > 0 {
				key(`"points":`)
				b = appendJSONStrings(b, "", t.Points)
			}
			if len(t.NeverSay) > 0 {
				key(`"never_say":`)
				b = appendJSONStrings(b, "", t.NeverSay)
			}
			if t.Why != "" {
				key(`"why":`)
				b = appendJSONString(b, t.Why)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, "}\n"...)
}

// appendJSONStrings appends key and list as a JSON array, nothing for an
// empty list (omitempty).
func appendJSONStrings(b []byte, key string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONFloat formats f as encoding/json does; a NaN or infinite
// score (never valid) is written as 0 so the line stays JSON.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		// encoding/json writes e-07 as e-7.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendJSONString appends s as a JSON string (see safe.AppendJSONString).
func appendJSONString(b []byte, s string) []byte { return safe.AppendJSONString(b, s) }
