package xapi

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// validateStatement checks a decoded statement against the rules of
// xAPI 1.0.3 (Part Two, section 2) that an LRS enforces: allowed and
// required properties, one inverse functional identifier for an agent,
// IRIs where the spec asks for them, UUID ids, language maps, interaction
// types and components, score ranges, ISO 8601 durations and timestamps,
// and a 1.0.x version. It returns every problem found.
func validateStatement(st map[string]any) []string {
	v := &validator{}
	v.allowed("statement", st, "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments")
	if id, ok := st["id"]; ok {
		v.uuid("id", id)
	} else {
		v.fail("statement: id missing (playdrill always sets one)")
	}
	v.agent("actor", st["actor"])
	v.verb(st["verb"])
	v.activity("object", st["object"], true)
	if r, ok := st["result"]; ok {
		v.result(r)
	}
	if c, ok := st["context"]; ok {
		v.context(c)
	}
	if ts, ok := st["timestamp"].(string); !ok || !isTimestamp(ts) {
		v.fail("timestamp %v is not an ISO 8601 date-time with a zone", st["timestamp"])
	}
	if ver, ok := st["version"]; ok {
		if s, _ := ver.(string); !regexp.MustCompile(`^1\.0\.\d+$`).MatchString(s) {
			v.fail("version %v is not 1.0.x", ver)
		}
	}
	return v.problems
}

type validator struct{ problems []string }

func (v *validator) fail(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

func (v *validator) allowed(where string, m map[string]any, keys ...string) {
	ok := map[string]bool{}
	for _, k := range keys {
		ok[k] = true
	}
	for k := range m {
		if !ok[k] {
			v.fail("%s: property %q is not allowed", where, k)
		}
	}
}

func (v *validator) object(where string, x any) map[string]any {
	m, ok := x.(map[string]any)
	if !ok {
		v.fail("%s: want an object, got %T", where, x)
		return map[string]any{}
	}
	return m
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func (v *validator) uuid(where string, x any) {
	s, _ := x.(string)
	if !uuidRE.MatchString(s) {
		v.fail("%s: %v is not a UUID", where, x)
	}
}

// iri accepts an absolute IRI: a scheme and, for http(s), a host.
func (v *validator) iri(where string, x any) {
	s, _ := x.(string)
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || strings.ContainsAny(s, " \t\n") ||
		((u.Scheme == "http" || u.Scheme == "https") && u.Host == "") {
		v.fail("%s: %q is not an absolute IRI", where, s)
	}
}

var langTagRE = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func (v *validator) langMap(where string, x any) {
	m := v.object(where, x)
	for k, val := range m {
		if !langTagRE.MatchString(k) {
			v.fail("%s: %q is not a language tag", where, k)
		}
		if _, ok := val.(string); !ok {
			v.fail("%s[%s]: want a string", where, k)
		}
	}
}

func (v *validator) agent(where string, x any) {
	m := v.object(where, x)
	v.allowed(where, m, "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account")
	if ot, ok := m["objectType"]; ok && ot != "Agent" {
		v.fail("%s: objectType %v", where, ot)
	}
	ifis := 0
	for _, k := range []string{"mbox", "mbox_sha1sum", "openid", "account"} {
		if _, ok := m[k]; ok {
			ifis++
		}
	}
	if ifis != 1 {
		v.fail("%s: %d inverse functional identifiers, want exactly 1", where, ifis)
	}
	if acc, ok := m["account"]; ok {
		a := v.object(where+".account", acc)
		v.allowed(where+".account", a, "homePage", "name")
		v.iri(where+".account.homePage", a["homePage"])
		if n, _ := a["name"].(string); n == "" {
			v.fail("%s.account.name missing", where)
		}
	}
}

func (v *validator) verb(x any) {
	m := v.object("verb", x)
	v.allowed("verb", m, "id", "display")
	v.iri("verb.id", m["id"])
	if d, ok := m["display"]; ok {
		v.langMap("verb.display", d)
	}
}

var interactionTypes = map[string]bool{"true-false": true, "choice": true, "fill-in": true, "long-fill-in": true,
	"matching": true, "performance": true, "sequencing": true, "likert": true, "numeric": true, "other": true}

func (v *validator) activity(where string, x any, top bool) {
	m := v.object(where, x)
	v.allowed(where, m, "objectType", "id", "definition")
	if ot, ok := m["objectType"]; ok && ot != "Activity" {
		v.fail("%s: objectType %v (playdrill only sends activities)", where, ot)
	}
	v.iri(where+".id", m["id"])
	d, ok := m["definition"]
	if !ok {
		return
	}
	def := v.object(where+".definition", d)
	v.allowed(where+".definition", def, "name", "description", "type", "moreInfo", "extensions", "interactionType",
		"correctResponsesPattern", "choices", "scale", "source", "target", "steps")
	for _, k := range []string{"name", "description"} {
		if lm, ok := def[k]; ok {
			v.langMap(where+".definition."+k, lm)
		}
	}
	if t, ok := def["type"]; ok {
		v.iri(where+".definition.type", t)
	}
	it, hasIT := def["interactionType"].(string)
	if hasIT && !interactionTypes[it] {
		v.fail("%s: interactionType %q", where, it)
	}
	if _, ok := def["choices"]; ok {
		if it != "choice" && it != "sequencing" {
			v.fail("%s: choices with interactionType %q", where, it)
		}
		list, _ := def["choices"].([]any)
		seen := map[string]bool{}
		for i, c := range list {
			cm := v.object(fmt.Sprintf("%s.choices[%d]", where, i), c)
			v.allowed("component", cm, "id", "description")
			id, _ := cm["id"].(string)
			if id == "" || seen[id] {
				v.fail("%s.choices[%d]: empty or repeated id %q", where, i, id)
			}
			seen[id] = true
			if d, ok := cm["description"]; ok {
				v.langMap("component.description", d)
			}
		}
		if crp, ok := def["correctResponsesPattern"].([]any); ok {
			for _, p := range crp {
				for _, id := range strings.Split(p.(string), "[,]") {
					if !seen[id] {
						v.fail("%s: correct response %q names no choice", where, id)
					}
				}
			}
		}
	}
	if _, ok := def["correctResponsesPattern"]; ok && !hasIT {
		v.fail("%s: correctResponsesPattern without interactionType", where)
	}
}

var durationRE = regexp.MustCompile(`^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$`)

func (v *validator) result(x any) {
	m := v.object("result", x)
	v.allowed("result", m, "score", "success", "completion", "response", "duration", "extensions")
	if s, ok := m["score"]; ok {
		sc := v.object("result.score", s)
		v.allowed("result.score", sc, "scaled", "raw", "min", "max")
		if f, ok := sc["scaled"].(float64); ok && (f < -1 || f > 1) {
			v.fail("result.score.scaled %v outside -1..1", f)
		}
		min, hasMin := sc["min"].(float64)
		max, hasMax := sc["max"].(float64)
		if hasMin && hasMax && min >= max {
			v.fail("result.score: min %v not below max %v", min, max)
		}
		if raw, ok := sc["raw"].(float64); ok && ((hasMin && raw < min) || (hasMax && raw > max)) {
			v.fail("result.score.raw %v outside min..max", raw)
		}
	}
	for _, k := range []string{"success", "completion"} {
		if b, ok := m[k]; ok {
			if _, isBool := b.(bool); !isBool {
				v.fail("result.%s is not a boolean", k)
			}
		}
	}
	if r, ok := m["response"]; ok {
		if _, isStr := r.(string); !isStr {
			v.fail("result.response is not a string")
		}
	}
	if d, ok := m["duration"]; ok {
		s, _ := d.(string)
		if !durationRE.MatchString(s) || s == "P" || strings.HasSuffix(s, "T") {
			v.fail("result.duration %q is not an ISO 8601 duration", s)
		}
	}
	if e, ok := m["extensions"]; ok {
		v.extensions("result.extensions", e)
	}
}

func (v *validator) extensions(where string, x any) {
	for k := range v.object(where, x) {
		v.iri(where+" key", k)
	}
}

func (v *validator) context(x any) {
	m := v.object("context", x)
	v.allowed("context", m, "registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions")
	if ca, ok := m["contextActivities"]; ok {
		cam := v.object("context.contextActivities", ca)
		v.allowed("context.contextActivities", cam, "parent", "grouping", "category", "other")
		for k, list := range cam {
			items, ok := list.([]any)
			if !ok {
				v.activity("context.contextActivities."+k, list, false)
				continue
			}
			for i, a := range items {
				v.activity(fmt.Sprintf("context.contextActivities.%s[%d]", k, i), a, false)
			}
		}
	}
	if e, ok := m["extensions"]; ok {
		v.extensions("context.extensions", e)
	}
	if p, ok := m["platform"]; ok {
		if _, isStr := p.(string); !isStr {
			v.fail("context.platform is not a string")
		}
	}
}

func isTimestamp(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}
