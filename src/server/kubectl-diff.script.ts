/**
 * The scripted cluster history of the kubectl differential test: what a learner does in a first
 * session — look around, create, scale, roll out and back, expose, label, cordon, break
 * manifests — with the clock advanced between steps so the controllers act. `$DIR` is the
 * directory the manifests below are written to.
 */
export interface DiffStep {
  cmd?: string;
  stdin?: string;
  /** Advance both clusters' clocks by this much before the command. */
  advance?: string;
  /** Run on both sides to keep the clusters in step, but do not compare the output. */
  setupOnly?: boolean;
  /** A node shell command run on both clusters first (`/simulator/v1/exec`), e.g. to fail a node. */
  ssh?: { host: string; command: string };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        ports:
        - containerPort: 80
`;

export const DIFF_FILES: Record<string, string> = {
  'deployment.yaml': DEPLOYMENT,
  'deployment-v2.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 3').replace('nginx:1.26', 'nginx:1.27'),
  'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  'multi.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: "fast"
  retries: "3"
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
`,
  'broken.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: broken
 spec:
  containers:
  - name: c
    image: busybox
`,
  'badtype.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: badtype
spec:
  replicas: "two"
  selector:
    matchLabels:
      app: badtype
  template:
    metadata:
      labels:
        app: badtype
    spec:
      containers:
      - name: c
        image: nginx
`,
  'badname.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: Web_1
spec:
  containers:
  - name: c
    image: nginx
`,
  'unknownfield.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: unknown-field
spec:
  containerz:
  - name: c
    image: nginx
`,
  'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels:
    app: solo
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "echo hello from solo; sleep 3600"]
`,
};

export const DIFF_SCRIPT: DiffStep[] = [
  // Looking around a fresh cluster.
  { cmd: 'get ns' },
  { cmd: 'get namespaces' },
  { cmd: 'get nodes' },
  { cmd: 'get no -o wide' },
  { cmd: 'get svc' },
  { cmd: 'get svc -A' },
  { cmd: 'get services --all-namespaces -o wide' },
  { cmd: 'get pods' },
  { cmd: 'get pods -n kube-system' },
  { cmd: 'get all' },
  { cmd: 'get sa' },
  { cmd: 'get sa -A' },
  { cmd: 'get ns default -o yaml' },
  { cmd: 'get ns default -o json' },
  { cmd: 'get ns -o name' },
  { cmd: 'get svc kubernetes -o yaml' },
  { cmd: 'get svc kubernetes -o jsonpath={.spec.clusterIP}' },
  {
    cmd: 'get nodes -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.status.nodeInfo.kubeletVersion}{"\\n"}{end}\'',
  },
  { cmd: 'get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,TAINTS:.spec.taints' },
  { cmd: 'get nodes --show-labels' },
  { cmd: 'get nodes -L kubernetes.io/hostname' },
  { cmd: 'get ns --no-headers' },
  { cmd: 'get ns --sort-by=.metadata.name --no-headers' },
  { cmd: 'get svc -A --sort-by=.metadata.name' },
  { cmd: 'get ns kube-system default' },
  { cmd: 'get ns/default ns/kube-public' },
  { cmd: 'get svc,sa' },
  { cmd: 'get podz' },
  { cmd: 'get pods nope' },
  { cmd: 'get ns nope default' },
  { cmd: 'get pods --foo' },
  { cmd: 'get -n' },
  { cmd: 'get' },
  { cmd: 'get nodes --show-labels -o yaml' },
  { cmd: 'get nodes -o foo' },
  { cmd: 'get ep' },
  { cmd: 'get endpoints kubernetes -o yaml' },
  { cmd: 'get cm -A' },
  { cmd: 'get lease -n kube-node-lease' },
  { cmd: 'get clusterroles system:basic-user -o yaml' },
  { cmd: 'api-resources' },
  { cmd: 'api-resources --namespaced=false' },
  { cmd: 'api-versions' },
  { cmd: 'foo' },
  { cmd: 'xyzzy' },
  { cmd: 'create' },
  { cmd: 'apply' },
  { cmd: 'describe' },
  { cmd: 'label' },
  { cmd: 'cordon' },
  { cmd: 'rollout foo' },
  { cmd: 'exec' },
  { cmd: 'get pods -o yaml --show-labels' },
  { cmd: 'get pods --dry-run' },
  { cmd: 'create deployment x --image=nginx --dry-run' },
  { cmd: 'create deployment x' },
  { cmd: 'scale deploy/nginx' },
  { cmd: 'run x' },

  // Creating things.
  { cmd: 'create deployment nginx --image=nginx:1.27 --replicas=3' },
  { cmd: 'get deploy' },
  { advance: '30s', cmd: 'get deploy' },
  { cmd: 'get deploy nginx -o wide' },
  { cmd: 'get rs' },
  { cmd: 'get pods' },
  { cmd: 'get pods -o wide' },
  { cmd: 'get pods --show-labels' },
  { cmd: 'get pods -l app=nginx -o name' },
  { cmd: 'get pods --field-selector spec.nodeName=node-1' },
  { cmd: 'get all' },
  { cmd: 'get deploy nginx -o yaml' },
  { cmd: 'get deploy,rs' },
  { cmd: 'create deployment nginx --image=nginx' },
  { cmd: 'apply -f $DIR/deployment.yaml' },
  { advance: '30s', cmd: 'apply -f $DIR/deployment.yaml' },
  { cmd: 'get deploy web -o yaml' },
  { cmd: 'apply -f $DIR/deployment-v2.yaml' },
  { advance: '60s', cmd: 'get deploy web' },
  { cmd: 'get rs -l app=web' },
  { cmd: 'apply -f $DIR/service.yaml' },
  { cmd: 'get svc web' },
  { cmd: 'apply -f $DIR/multi.yaml' },
  { cmd: 'get cm settings -o yaml' },
  { cmd: 'get ns team-a' },
  { cmd: 'create -f $DIR/multi.yaml' },
  { cmd: 'create -f -', stdin: DIFF_FILES['pod.yaml'] },
  { advance: '20s', cmd: 'get pod solo' },
  { cmd: 'run box --image=busybox:1.36 --restart=Never -- sleep 3600' },
  { cmd: 'expose deployment nginx --port=80 --target-port=80' },
  { cmd: 'get svc nginx' },
  { cmd: 'create service nodeport np --tcp=8080:80 --node-port=30080' },
  { cmd: 'create namespace dev' },
  { cmd: 'create ns dev' },

  // Scaling and rolling out.
  { cmd: 'scale deployment nginx --replicas=5' },
  { advance: '30s', cmd: 'get deploy nginx' },
  { cmd: 'scale deploy/nginx --replicas=2' },
  { advance: '40s', cmd: 'get pods -l app=nginx --no-headers' },
  { cmd: 'set image deployment/nginx nginx=nginx:1.25' },
  { advance: '60s', cmd: 'rollout status deployment/nginx' },
  { cmd: 'rollout history deployment/nginx' },
  { cmd: 'rollout undo deployment/nginx' },
  { advance: '60s', cmd: 'rollout history deployment nginx' },
  { cmd: 'rollout restart deployment nginx' },
  { cmd: 'rollout pause deployment nginx' },
  { cmd: 'rollout resume deployment nginx' },

  // Labels, annotations, patches.
  { cmd: 'label deployment nginx tier=frontend' },
  { cmd: 'label deployment nginx tier=backend' },
  { cmd: 'label deployment nginx tier=backend --overwrite' },
  { cmd: 'label deployment nginx tier-' },
  { cmd: 'annotate deployment nginx owner=team-a' },
  { cmd: `patch deployment nginx -p '{"spec":{"replicas":3}}'` },
  { cmd: `patch deployment nginx --type=merge -p '{"metadata":{"labels":{"patched":"yes"}}}'` },
  { cmd: `patch deployment nginx --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'` },
  { cmd: `patch deployment nginx -p '{"spec":{"replicas":2}}'` },
  { cmd: 'patch deployment nginx -p {spec:{replicas:3}}' },
  { cmd: `patch deployment nginx --type=foo -p '{}'` },
  { cmd: 'get deploy nginx --show-labels' },

  // Nodes.
  { cmd: 'cordon node-2' },
  { cmd: 'get nodes' },
  { cmd: 'uncordon node-2' },
  { cmd: 'taint nodes node-3 dedicated=gpu:NoSchedule' },
  { cmd: 'taint nodes node-3 dedicated=gpu:NoSchedule-' },

  // Failing a node: its kubelet stops, the node lifecycle controller marks it NotReady and taints it.
  { ssh: { host: 'node-3', command: 'systemctl stop kubelet' }, advance: '70s', cmd: 'get nodes' },
  { cmd: 'get node node-3 -o jsonpath={.spec.taints}' },
  { cmd: 'describe node node-3' },
  { advance: '320s', cmd: 'get pods -o wide' },
  { cmd: 'get deploy' },

  // Breaking manifests.
  { cmd: 'apply -f $DIR/broken.yaml' },
  { cmd: 'apply -f $DIR/badtype.yaml' },
  { cmd: 'apply -f $DIR/badname.yaml' },
  { cmd: 'apply -f $DIR/unknownfield.yaml' },
  { cmd: 'apply -f $DIR/missing.yaml' },
  { cmd: 'create -f $DIR/badname.yaml' },

  // Describe.
  { cmd: 'describe ns default' },
  { cmd: 'describe namespace kube-system' },
  { cmd: 'describe svc kubernetes' },
  { cmd: 'describe svc nginx' },
  { cmd: 'describe deploy nginx' },
  { cmd: 'describe pod solo' },
  // kubectl describes a ConfigMap's keys in Go map order (random): only one-key maps compare.
  { cmd: 'describe cm kube-root-ca.crt' },
  { cmd: 'describe ep kubernetes' },
  { cmd: 'describe node node-1' },
  { cmd: 'describe pods nope' },
  { cmd: 'logs solo' },
  { cmd: 'logs solo --tail=1' },
  { cmd: 'logs nope' },

  // Cleaning up.
  { cmd: 'delete svc np' },
  { cmd: 'delete cm settings' },
  { cmd: 'delete deployment nope' },
  { cmd: 'delete -f $DIR/service.yaml' },
  { cmd: 'get svc' },
  { cmd: 'top nodes' },
  { cmd: 'top pods' },
  { cmd: 'config current-context' },
  { cmd: 'api-resources -o name' },
  { cmd: 'api-resources --api-group=apps' },
  { cmd: 'auth can-i create pods' },
  { cmd: 'auth can-i delete nodes --as=system:serviceaccount:default:default' },
  { cmd: 'explain deployment.spec.replicas' },
  { cmd: 'explain pods.spec.containers.image' },
  { cmd: 'explain deployment' },
  { cmd: 'explain pods.spec' },
  { cmd: 'explain svc.spec.ports' },
  { cmd: 'explain podz' },
  { cmd: 'delete pod box --wait=false' },
  { cmd: 'delete pods -l app=nope' },
  { cmd: 'delete' },
  { cmd: 'logs' },
  { cmd: 'get deploy -o wide' },
  { cmd: 'get rs -o wide' },
  { cmd: 'get all -A' },
  { cmd: 'get deploy nginx -o jsonpath={.spec.template.spec.containers[0].image}' },
  { cmd: 'get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --sort-by=.metadata.name' },
  { cmd: 'label pods --all checked=true' },
  { cmd: 'get pods -L checked' },
  { cmd: 'get pods -o yaml --field-selector metadata.name=solo' },
  { cmd: 'create deployment dry --image=nginx --dry-run=server' },
  { cmd: 'create deployment dry --image=nginx --dry-run=client -o yaml' },
  { cmd: 'run dry --image=nginx --dry-run=client -o yaml' },
  { cmd: 'expose deployment nginx --port=8080 --name=nginx-alt --dry-run=client -o yaml' },
  { cmd: 'create service clusterip cip --tcp=80:8080 --dry-run=client -o json' },
  { cmd: 'get ns kube-public -o go-template={{.metadata.name}}' },
  { cmd: 'get svc kubernetes -o jsonpath-as-json={.spec.ports[*].port}' },
  { cmd: 'cluster-info' },
  { cmd: 'get nodes --sort-by=.metadata.name -o name' },
  {
    cmd: 'get pods -A --sort-by=.metadata.name -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name',
  },
  // One blocking reason only: drain lists several in Go map order, which is random.
  { cmd: 'drain node-2 --ignore-daemonsets' },
  { cmd: 'uncordon node-2' },
  { cmd: 'delete deploy web' },
  { cmd: 'get deploy' },
  { cmd: 'delete pod solo --grace-period=0 --force' },
  { cmd: 'get pod solo' },
];
