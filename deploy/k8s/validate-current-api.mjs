// Validates Kubernetes manifests (multi-document YAML on standard input) against the OpenAPI schemas of a current
// Kubernetes (the npm package kubernetes-models 5.1.0: Kubernetes 1.34, resource.k8s.io/v1 included): every object's
// apiVersion and kind must be one that release serves, and its fields must have the schema's types, formats and
// required members. Unknown fields are not caught here (the schemas allow them); the chart tests refuse those.
// Prints one line per refused object and exits 1 if any. Usage: node validate-current-api.mjs < manifests.yaml
// (run from a folder where `npm install kubernetes-models@5.1.0 yaml@2.9.1` was done; deploy/k8s/test-k8s.sh does it).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// Kept in the package for older clusters, no longer served by 1.34 (removed in 1.22, 1.25 and 1.26).
const removed = new Set(["extensions/v1beta1", "networking.k8s.io/v1beta1", "policy/v1beta1", "batch/v1beta1",
  "autoscaling/v2beta1", "autoscaling/v2beta2"]);
const objects = parseAllDocuments(readFileSync(0, "utf8")).map((document) => document.toJS()).filter(Boolean);
let refused = 0;
for (const object of objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  let Model;
  try {
    if (removed.has(object.apiVersion)) throw new Error("removed");
    Model = (await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`))[object.kind];
  } catch {
    console.log(`${name}: ${object.apiVersion} ${object.kind} is not served by Kubernetes 1.34`);
    refused++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    console.log(`${name}: ${error.message}`);
    refused++;
  }
}
console.log(`${objects.length} objects, ${refused} refused`);
process.exit(refused ? 1 : 0);
