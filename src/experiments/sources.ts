/** The sources of the ES/VO figures, as a reader finds them. */
export const HAVTORN_2018 = 'Havtorn 2018, "Variational Optimization of Neural Networks", master\'s thesis presentation, DTU Compute';
export const HUSZAR_2017 = 'Huszár 2017, "Evolution Strategies, Variational Optimisation and Natural ES", inference.vc';
export const RANDOM_ES_ARTICLE = '"Random Evolutionary Strategies in Machine Learning" (habr), after ' + HUSZAR_2017;
/** The source of the Ridge Rider figures. */
export const PARKER_HOLDER_2020 = 'Parker-Holder, Metz, Resnick, Hu, Lerer, Letcher, Peysakhovich, Pacchiano, Foerster 2020, "Ridge Rider: Finding Diverse Solutions by Following Eigenvectors of the Hessian", NeurIPS';
