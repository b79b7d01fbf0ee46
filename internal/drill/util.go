package drill

import "strings"

func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func joinList(items []string) string { return strings.Join(items, ", ") }
