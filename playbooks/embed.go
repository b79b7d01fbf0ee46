// Package playbooks holds the playbook shipped inside the binary: the one a
// new hire drills with no --playbook. The files double as test fixtures.
package playbooks

import "embed"

// FS holds the shipped playbook's markdown files.
//
//go:embed *.md
var FS embed.FS

// Root is the path of the shipped playbook inside FS.
const Root = "."
