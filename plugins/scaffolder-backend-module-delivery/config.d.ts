export interface Config {
  delivery?: {
    /**
     * Settings of the Slipway scaffolder actions. The clusters they write to come from the
     * standard `kubernetes.clusterLocatorMethods` (type `config`, `authProvider: serviceAccount`).
     */
    scaffolder?: {
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
