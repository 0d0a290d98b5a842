// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title ReferenceCumulativeMerkleDrop
/// @notice Gas reference for `AdMarket.claim`, benchmarks only (never deployed): a plain cumulative
/// Merkle distributor in the style of 1inch's CumulativeMerkleDrop. The owner replaces the root;
/// an account is paid its cumulative amount minus what it has claimed.
/// @dev Differs from 1inch's only where a fair comparison needs it: the leaf is the double-hashed
/// `StandardMerkleTree` leaf that AdMarket uses (so both claim against the same tree and proofs),
/// and there is no `expectedMerkleRoot` argument (AdMarket has none).
contract ReferenceCumulativeMerkleDrop is Ownable {
    using SafeERC20 for IERC20;

    /// @notice Thrown when the proof does not lead from the account's leaf to the root.
    error InvalidProof();
    /// @notice Thrown when the account has already claimed its cumulative amount.
    error NothingToClaim();

    /// @notice Emitted when `amount` is paid to `account`.
    event Claimed(address indexed account, uint256 amount);

    /// @notice Token paid out.
    IERC20 public immutable token;
    /// @notice Root of the tree of cumulative amounts.
    bytes32 public merkleRoot;
    /// @notice Cumulative amount each account has claimed.
    mapping(address account => uint256 amount) public cumulativeClaimed;

    /// @param token_ Token paid out; the contract must hold enough of it.
    constructor(IERC20 token_) Ownable(msg.sender) {
        token = token_;
    }

    /// @notice Replaces the root with one of newer cumulative amounts.
    function setMerkleRoot(bytes32 root) external onlyOwner {
        merkleRoot = root;
    }

    /// @notice Pays `account` its `cumulativeAmount` minus what it has claimed (anyone may call).
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, merkleRoot, leaf)) revert InvalidProof();
        uint256 preclaimed = cumulativeClaimed[account];
        if (cumulativeAmount <= preclaimed) revert NothingToClaim();
        cumulativeClaimed[account] = cumulativeAmount;
        uint256 amount = cumulativeAmount - preclaimed;
        emit Claimed(account, amount);
        token.safeTransfer(account, amount);
    }
}
