export interface Config {
  delivery?: {
    /**
     * Settings of the Slipway scaffolder actions.
     */
    scaffolder?: {
      /**
       * The clusters `delivery:environments:create` and `delivery:tekton:apply` write to, with
       * the scaffolder's own ServiceAccount token: never the token the Tekton ingestion reads
       * with (`kubernetes.clusterLocatorMethods`), which is refused if given here. `url`,
       * `caData` and `skipTLSVerify` may be left out when `kubernetes.clusterLocatorMethods`
       * (type `config`) has a cluster of the same `name`: only those connection details are
       * taken from it, so they are configured once.
       */
      clusters?: Array<{
        /** The name the actions' `cluster` input uses. */
        name: string;
        /** API server URL (default: the same-named kubernetes cluster's). */
        url?: string;
        /**
         * The scaffolder's ServiceAccount token.
         * @visibility secret
         */
        serviceAccountToken: string;
        /** Base64 PEM CA bundle (default: the same-named kubernetes cluster's). */
        caData?: string;
        /** Default: the same-named kubernetes cluster's, else false. */
        skipTLSVerify?: boolean;
        /**
         * When set, `delivery:environments:create` applies, right after each Namespace it
         * creates, a RoleBinding `slipway-scaffolder` giving this ServiceAccount (the
         * scaffolder's own) `clusterRole` in that namespace, so its cluster-wide rights reduce
         * to creating namespaces and that binding (see the README's RBAC section).
         */
        namespaceBinding?: {
          clusterRole: string;
          serviceAccount: { name: string; namespace: string };
        };
      }>;
      /**
       * Namespaces the cluster actions write to (derived from the component name, given as
       * `ciNamespace`, `environments[].namespace` or `namespace`) must match this regular
       * expression as a whole, e.g. `team-[a-z0-9-]+` for a prefix. They must always be DNS
       * labels of at most 63 characters. Default: any DNS label.
       */
      namespacePattern?: string;
      /**
       * Names or `*` patterns of namespaces the actions never write to, whatever else allows.
       * Setting it replaces the default: `default`, `kube-*`, `openshift`, `openshift-*`,
       * `*-system`, `tekton-*`, `knative-*`, `kserve`, `kserve-*`, `istio-*`, `cert-manager`,
       * `slipway` (keep those and add yours).
       */
      reservedNamespaces?: string[];
      /**
       * Names or `*` patterns of existing namespaces the actions may take over: one that is
       * not Slipway's, or belongs to another entity or template run, is otherwise refused. An
       * adopted namespace is relabelled with the new owner. Default: none.
       */
      adoptNamespaces?: string[];
      /**
       * ClusterRoles `delivery:environments:create`'s `deployClusterRole` may name (the
       * pipeline gets it in each environment namespace). Default: `[edit]`.
       */
      deployClusterRoles?: string[];
      /**
       * Namespaced kinds `delivery:tekton:apply` applies, as `group/Kind` (`Kind` alone for the
       * core group). Setting it replaces the default: what the templates generate,
       * `tekton.dev/Pipeline`, `tekton.dev/Task`, `triggers.tekton.dev/TriggerBinding`,
       * `triggers.tekton.dev/TriggerTemplate`, `triggers.tekton.dev/EventListener`,
       * `apps/Deployment`, `Service`, `serving.kserve.io/InferenceService`.
       */
      allowedKinds?: string[];
      /**
       * Cluster-scoped kinds `delivery:tekton:apply` applies (`group/Kind`). Default: none.
       */
      allowedClusterScopedKinds?: string[];
      /**
       * URL `delivery:tekton:apply` outputs for the EventListener it applied, with `{name}`
       * (EventListener name), `{namespace}` and `{cluster}` filled in, e.g.
       * `https://hooks.example.com/{namespace}/{name}` behind an ingress.
       * Default: the in-cluster Service `http://el-{name}.{namespace}.svc.cluster.local:8080`.
       */
      eventListenerUrlTemplate?: string;
      /**
       * Token the generated pipelines send to Slipway (upload findings, approval gate): one of
       * `backend.auth.externalAccess` static tokens. `delivery:environments:create` stores it as
       * the Secret `slipway-token` (key `token`) in the CI namespace.
       * @visibility secret
       */
      pipelineToken?: string;
    };
  };
}
