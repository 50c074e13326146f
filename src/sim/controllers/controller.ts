/** A control loop of kube-controller-manager: it registers its informer handlers, then reconciles keys. */
export interface Controller {
  readonly name: string;
  /** Register handlers (informers are started afterwards by the manager). */
  setup(): void;
  /** Stop or resume working (kube-controller-manager stopped/started by a learner). */
  pause(): void;
  resume(): void;
}
